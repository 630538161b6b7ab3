//! The mail outbox (issue 6): messages are written in the transaction that
//! makes them true (a helpdesk ticket, a notification) and a job sends them
//! later, with retries. One row per message; its `Message-ID` is chosen at
//! enqueue time and never changes, so that a re-sent message is recognisable.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxMessages {
    Table,
    Id,
    TenantId,
    Kind,
    MessageId,
    InReplyTo,
    References,
    ToAddresses,
    ReplyTo,
    Subject,
    TextBody,
    HtmlBody,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OutboxMessages::Table)
                    .col(
                        ColumnDef::new(OutboxMessages::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(OutboxMessages::TenantId).uuid().null())
                    .col(
                        ColumnDef::new(OutboxMessages::Kind)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(OutboxMessages::MessageId)
                            .string_len(255)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(OutboxMessages::InReplyTo).text().null())
                    .col(ColumnDef::new(OutboxMessages::References).text().null())
                    .col(
                        ColumnDef::new(OutboxMessages::ToAddresses)
                            .text()
                            .not_null(),
                    )
                    .col(ColumnDef::new(OutboxMessages::ReplyTo).text().null())
                    .col(ColumnDef::new(OutboxMessages::Subject).text().not_null())
                    .col(ColumnDef::new(OutboxMessages::TextBody).text().not_null())
                    .col(ColumnDef::new(OutboxMessages::HtmlBody).text().null())
                    .col(
                        ColumnDef::new(OutboxMessages::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(OutboxMessages::Attempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(OutboxMessages::NextAttemptAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(OutboxMessages::LastError).text().null())
                    .col(
                        ColumnDef::new(OutboxMessages::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(OutboxMessages::SentAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OutboxMessages::Table, OutboxMessages::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // What the job asks for: due messages, oldest first.
        manager
            .create_index(
                Index::create()
                    .name("outbox_messages_due")
                    .table(OutboxMessages::Table)
                    .col(OutboxMessages::Status)
                    .col(OutboxMessages::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        // What the console asks for: one tenant's messages, newest first.
        manager
            .create_index(
                Index::create()
                    .name("outbox_messages_tenant")
                    .table(OutboxMessages::Table)
                    .col(OutboxMessages::TenantId)
                    .col(OutboxMessages::Id)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OutboxMessages::Table).to_owned())
            .await
    }
}
