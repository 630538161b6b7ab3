//! Leases of periodic jobs: several `relais` processes share one database,
//! and a job's run must happen once, not once per process.

use chrono::{DateTime, Utc};
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

    /// Extends the lease `name` to `ttl` from now, only while `holder` still
    /// holds it and it has not expired. `false` means the lease was lost
    /// (expired and possibly taken over): the holder must stop working under
    /// it, so that a process paused past its lease never runs beside the one
    /// that took over.
    pub async fn renew(&self, name: &str, holder: &str, ttl: chrono::Duration) -> Result<bool> {
        let now = Utc::now();
        let renewed = job_lease::Entity::update_many()
            .set(job_lease::ActiveModel {
                expires_at: Set(now + ttl),
                ..Default::default()
            })
            .filter(job_lease::Column::Name.eq(name))
            .filter(job_lease::Column::Holder.eq(holder))
            .filter(job_lease::Column::ExpiresAt.gte(now))
            .exec(self.db)
            .await?
            .rows_affected;
        Ok(renewed == 1)
    }

    /// Who holds `name` until when, if anybody (expired leases included).
    pub async fn holder_of(&self, name: &str) -> Result<Option<(String, DateTime<Utc>)>> {
        Ok(job_lease::Entity::find_by_id(name.to_owned())
            .one(self.db)
            .await?
            .map(|lease| (lease.holder, lease.expires_at)))
    }

    /// Gives the lease back early (the run finished). A lease that expired
    /// and was taken over by another holder is left alone.
    pub async fn release(&self, name: &str, holder: &str) -> Result<()> {
        job_lease::Entity::delete_many()
            .filter(job_lease::Column::Name.eq(name))
            .filter(job_lease::Column::Holder.eq(holder))
            .exec(self.db)
            .await?;
        Ok(())
    }
}
