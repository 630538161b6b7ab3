//! The subscription root: `liveEvents`.

use std::sync::Arc;

use async_graphql::{Context, ID};
use futures_util::Stream;
use relais_domain::events::DomainEvent;
use relais_store::Store;
use secrecy::ExposeSecret;
use tokio::sync::broadcast::{self, error::RecvError};

use super::{ConnectionSlots, LiveEvent, LiveEventKind, LiveRegistry, LiveSession, LiveSlot};
use crate::ApiError;
use relais_app::auth::AuthService;

#[derive(Default)]
pub struct Subscription;

#[async_graphql::Subscription]
impl Subscription {
    /// The changes the caller may see, as they happen, whichever process of
    /// the deployment made them (served over the WebSocket of
    /// `/graphql/live` only). Optionally only some kinds, or those about
    /// one base or one ticket. The first event is `STARTED`; a `MISSED`
    /// event says some were lost: refetch what is shown.
    async fn live_events(
        &self,
        ctx: &Context<'_>,
        kinds: Option<Vec<LiveEventKind>>,
        base_id: Option<ID>,
        ticket_id: Option<ID>,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<LiveEvent>> + use<>> {
        let session = ctx
            .data::<LiveSession>()
            .map_err(|_| ApiError::not_logged_in())?
            .clone();
        let user = session.caller.user_id.ok_or_else(ApiError::not_logged_in)?;
        let registry = ctx
            .data::<Arc<LiveRegistry>>()
            .map_err(|_| ApiError::internal())?;
        let connection = ctx
            .data::<ConnectionSlots>()
            .map_err(|_| ApiError::internal())?;
        let slot = registry.acquire(connection, user)?;
        let store = ctx.data::<Store>().map_err(|_| ApiError::internal())?;
        let auth = ctx
            .data::<AuthService>()
            .map_err(|_| ApiError::internal())?;
        let follow = Follow {
            receiver: store.subscribe(),
            store: store.clone(),
            auth: auth.clone(),
            session,
            kinds,
            base_id,
            ticket_id,
            started: false,
            ended: false,
            _slot: slot,
        };
        Ok(futures_util::stream::unfold(
            follow,
            |mut follow| async move {
                let item = follow.next().await?;
                Some((item.map_err(async_graphql::Error::from), follow))
            },
        ))
    }
}

/// One subscription: the events of the process, filtered for its caller.
struct Follow {
    receiver: broadcast::Receiver<DomainEvent>,
    store: Store,
    auth: AuthService,
    session: LiveSession,
    kinds: Option<Vec<LiveEventKind>>,
    base_id: Option<ID>,
    ticket_id: Option<ID>,
    /// Whether `STARTED` was sent.
    started: bool,
    /// After a refused session: nothing more.
    ended: bool,
    _slot: LiveSlot,
}

impl Follow {
    async fn next(&mut self) -> Option<Result<LiveEvent, ApiError>> {
        if self.ended {
            return None;
        }
        if !self.started {
            // The receiver exists: from here on no event is missed.
            self.started = true;
            return Some(Ok(LiveEvent::started()));
        }
        loop {
            let event = match self.receiver.recv().await {
                Ok(event) => event,
                Err(RecvError::Lagged(missed)) => {
                    tracing::info!(missed, "a live subscriber fell behind");
                    return Some(Ok(LiveEvent::missed()));
                }
                Err(RecvError::Closed) => return None,
            };
            let Some(live) = LiveEvent::from_domain(&event) else {
                continue;
            };
            if !live.matches(
                self.kinds.as_deref(),
                self.base_id.as_ref(),
                self.ticket_id.as_ref(),
            ) {
                continue;
            }
            // The session must still hold: an expired token, a disabled
            // account or a changed password ends the subscription.
            let caller = match self
                .auth
                .check_access(self.session.token.expose_secret())
                .await
            {
                Ok(caller) => caller,
                Err(rejection) => {
                    self.ended = true;
                    return Some(Err((&rejection).into()));
                }
            };
            match self.store.scoped(&caller).sees_event(&event).await {
                Ok(true) => return Some(Ok(live)),
                Ok(false) => {}
                // Not shown when in doubt.
                Err(error) => tracing::warn!(%error, "live event visibility not decided"),
            }
        }
    }
}
