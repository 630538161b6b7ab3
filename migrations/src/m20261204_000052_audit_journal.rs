//! Issue 17, « Journal d'audit »: one spelling of the object's type
//! (entries used to be written `pronote_base` or `PRONOTE_BASE`), and the
//! indexes the journal's filters by object and by person use within a
//! tenant, newest first.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    TenantId,
    ActorUserId,
    TargetType,
    TargetId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("UPDATE audit_events SET target_type = UPPER(target_type)")
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_events_target")
                    .table(AuditEvents::Table)
                    .col(AuditEvents::TenantId)
                    .col(AuditEvents::TargetType)
                    .col(AuditEvents::TargetId)
                    .col(AuditEvents::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_events_actor")
                    .table(AuditEvents::Table)
                    .col(AuditEvents::TenantId)
                    .col(AuditEvents::ActorUserId)
                    .col(AuditEvents::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_audit_events_actor", "idx_audit_events_target"] {
            manager
                .drop_index(
                    Index::drop()
                        .name(name)
                        .table(AuditEvents::Table)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
