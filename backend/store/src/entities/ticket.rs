use sea_orm::entity::prelude::*;

/// A helpdesk ticket (docs/domain.md §7), with the base's settings and diagnostics
/// as they were when it was opened.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tickets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub establishment_id: Uuid,
    pub base_id: Option<Uuid>,
    /// `relais_domain::helpdesk::TicketCategory` API name.
    pub category: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    /// `relais_domain::helpdesk::TicketStatus` API name.
    pub status: String,
    pub assignee_id: Option<Uuid>,
    pub requester_id: Option<Uuid>,
    /// JSON of the base's `DelegationSettings` at opening, if a base serves it.
    #[sea_orm(column_type = "Text", nullable)]
    pub settings_snapshot: Option<String>,
    /// JSON list of the findings at opening (`code`, `severity`, `message`).
    #[sea_orm(column_type = "Text")]
    pub diagnostics_snapshot: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The first comment or status change by the helpdesk.
    pub first_answer_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
