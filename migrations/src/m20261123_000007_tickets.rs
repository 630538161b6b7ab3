//! Helpdesk tickets (docs/domain.md §7): the ticket with the snapshot of its base's
//! settings and diagnostics, its timeline of comments and status changes,
//! and its attachments (stored files).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tickets {
    Table,
    Id,
    TenantId,
    EstablishmentId,
    BaseId,
    Category,
    Title,
    Description,
    ContactEmail,
    ContactPhone,
    Status,
    AssigneeId,
    RequesterId,
    SettingsSnapshot,
    DiagnosticsSnapshot,
    CreatedAt,
    UpdatedAt,
    FirstAnswerAt,
}

#[derive(DeriveIden)]
enum TicketEvents {
    Table,
    Id,
    TicketId,
    AuthorId,
    AuthorEmail,
    Kind,
    Body,
    StatusFrom,
    StatusTo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum StoredFiles {
    Table,
    TicketId,
}

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Establishments {
    Table,
    Id,
}

fn timestamp<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Tickets::Table)
                    .col(ColumnDef::new(Tickets::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Tickets::TenantId).uuid().not_null())
                    .col(ColumnDef::new(Tickets::EstablishmentId).uuid().not_null())
                    .col(ColumnDef::new(Tickets::BaseId).uuid().null())
                    .col(ColumnDef::new(Tickets::Category).string_len(32).not_null())
                    .col(ColumnDef::new(Tickets::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Tickets::Description).text().not_null())
                    .col(
                        ColumnDef::new(Tickets::ContactEmail)
                            .string_len(254)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Tickets::ContactPhone).string_len(32).null())
                    .col(ColumnDef::new(Tickets::Status).string_len(20).not_null())
                    .col(ColumnDef::new(Tickets::AssigneeId).uuid().null())
                    .col(ColumnDef::new(Tickets::RequesterId).uuid().null())
                    .col(ColumnDef::new(Tickets::SettingsSnapshot).text().null())
                    .col(
                        ColumnDef::new(Tickets::DiagnosticsSnapshot)
                            .text()
                            .not_null(),
                    )
                    .col(timestamp(Tickets::CreatedAt))
                    .col(timestamp(Tickets::UpdatedAt))
                    .col(
                        ColumnDef::new(Tickets::FirstAnswerAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Tickets::Table, Tickets::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Tickets::Table, Tickets::EstablishmentId)
                            .to(Establishments::Table, Establishments::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("tickets_tenant_status")
                    .table(Tickets::Table)
                    .col(Tickets::TenantId)
                    .col(Tickets::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TicketEvents::Table)
                    .col(
                        ColumnDef::new(TicketEvents::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(TicketEvents::TicketId).uuid().not_null())
                    .col(ColumnDef::new(TicketEvents::AuthorId).uuid().null())
                    .col(
                        ColumnDef::new(TicketEvents::AuthorEmail)
                            .string_len(254)
                            .null(),
                    )
                    .col(ColumnDef::new(TicketEvents::Kind).string_len(20).not_null())
                    .col(ColumnDef::new(TicketEvents::Body).text().null())
                    .col(
                        ColumnDef::new(TicketEvents::StatusFrom)
                            .string_len(20)
                            .null(),
                    )
                    .col(ColumnDef::new(TicketEvents::StatusTo).string_len(20).null())
                    .col(timestamp(TicketEvents::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TicketEvents::Table, TicketEvents::TicketId)
                            .to(Tickets::Table, Tickets::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ticket_events_ticket")
                    .table(TicketEvents::Table)
                    .col(TicketEvents::TicketId)
                    .col(TicketEvents::CreatedAt)
                    .to_owned(),
            )
            .await?;
        // Attachments are stored files tied to their ticket.
        manager
            .alter_table(
                Table::alter()
                    .table(StoredFiles::Table)
                    .add_column(ColumnDef::new(StoredFiles::TicketId).uuid().null())
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(StoredFiles::Table)
                    .drop_column(StoredFiles::TicketId)
                    .to_owned(),
            )
            .await?;
        for table in [TicketEvents::Table.into_iden(), Tickets::Table.into_iden()] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
