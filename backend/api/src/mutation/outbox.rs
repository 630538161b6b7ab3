use async_graphql::{Context, ID, Object};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::parse_id;
use crate::query::outbox::OutboxMessageView;

#[derive(Default)]
pub struct OutboxMutation;

#[Object]
impl OutboxMutation {
    /// Operator administrators: « Renvoyer » a `FAILED` e-mail of the
    /// tenant once its cause is fixed. It goes back in the queue, due at
    /// once, with its attempts counted afresh; audited. A message that is
    /// not `FAILED` is a `CONFLICT`.
    async fn requeue_outbox_message(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> Result<OutboxMessageView, ApiError> {
        let id = parse_id("id", &id)?;
        Ok(ctx.scoped()?.outbox().requeue(id).await?.into())
    }
}
