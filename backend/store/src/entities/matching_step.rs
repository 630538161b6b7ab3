use sea_orm::entity::prelude::*;

/// One population's step of a matching run.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "matching_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub run_id: Uuid,
    pub population: String,
    /// `PENDING` or `VALIDATED`.
    pub status: String,
    pub auto_links: i32,
    pub reviews: i32,
    pub duplicates: i32,
    pub links_created: Option<i32>,
    pub validated_by: Option<Uuid>,
    pub validated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
