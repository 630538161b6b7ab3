use sea_orm::entity::prelude::*;

/// What the engine proposes for one ENT account in a run.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "matching_proposals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub run_id: Uuid,
    pub population: String,
    pub ent_id: String,
    /// The PRONOTE user of an `AUTO` proposal.
    pub pronote_id: Option<String>,
    /// `AUTO`, `REVIEW` or `DUPLICATE`.
    pub decision: String,
    /// For `REVIEW`: `HOMONYM`, `NEAR_TIE`, `LOW_SCORE` or `DUPLICATE`.
    pub reason: Option<String>,
    pub score: Option<f64>,
    /// JSON list of `{ "pronoteId": …, "score": … }`, best first.
    #[sea_orm(column_type = "Text", nullable)]
    pub candidates: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
