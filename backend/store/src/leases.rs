//! Leases of periodic jobs: several `relais` processes share one database,
//! and a job's run must happen once, not once per process.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, SqlErr,
};

use crate::Result;
use crate::entities::job_lease;

pub struct Leases<'a> {
    db: &'a DatabaseConnection,
}

impl<'a> Leases<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection) -> Self {
        Self { db }
    }

    /// Takes the lease `name` for `holder` until `ttl` from now, if nobody
    /// holds it (or the holder's lease expired). Exactly one of several
    /// concurrent callers gets `true`.
    pub async fn acquire(&self, name: &str, holder: &str, ttl: chrono::Duration) -> Result<bool> {
        let now = Utc::now();
        let taken = job_lease::Entity::update_many()
            .set(job_lease::ActiveModel {
                holder: Set(holder.to_owned()),
                expires_at: Set(now + ttl),
                ..Default::default()
            })
            .filter(job_lease::Column::Name.eq(name))
            .filter(job_lease::Column::ExpiresAt.lt(now))
            .exec(self.db)
            .await?
            .rows_affected;
        if taken == 1 {
            return Ok(true);
        }
        let inserted = job_lease::ActiveModel {
            name: Set(name.to_owned()),
            holder: Set(holder.to_owned()),
            expires_at: Set(now + ttl),
        }
        .insert(self.db)
        .await;
        match inserted {
            Ok(_) => Ok(true),
            Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                Ok(false)
            }
            Err(err) => Err(err.into()),
        }
    }

    /// Gives the lease back early (the run finished).
    pub async fn release(&self, name: &str, holder: &str) -> Result<()> {
        job_lease::Entity::delete_many()
            .filter(job_lease::Column::Name.eq(name))
            .filter(job_lease::Column::Holder.eq(holder))
            .exec(self.db)
            .await?;
        Ok(())
    }
}
