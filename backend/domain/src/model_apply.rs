//! Applying a model to a base's delegation settings, and the drift between
//! them (docs/domain.md §3: an update never changes a base by itself; applying over
//! values already entered needs a confirmation).
//!
//! A model gives values per client (docs/domain.md §3). PRONOTE.net's go to the
//! settings' own fields; the PRONOTE client's, when they differ, to the
//! base's PRONOTE client definition (entered in the PRONOTE server's
//! administration). A model giving one client gives it for both. Both
//! clients are applied, diffed and drift-checked (docs/domain.md « Le
//! Serveur PRONOTE et le client »).

use crate::delegation::{
    CasUrls, DelegationSettings, Delegations, DirectAccess, EspaceDelegation, EspaceMatrix,
};
use crate::models::{Client, ClientSettings, EntModel, FieldChange, diff_client_settings};
use crate::web_url::WebUrl;
use crate::{DomainError, Result};

/// The client whose settings a base takes from a model: PRONOTE.net, or the
/// PRONOTE client when the model only gives that one.
pub fn client_of(model: &EntModel) -> Option<(Client, &ClientSettings)> {
    [Client::PronoteNet, Client::PronoteClient]
        .into_iter()
        .find_map(|client| model.clients.get(&client).map(|s| (client, s)))
}

/// A model's values for `client`: its own section, else the other client's
/// (a model giving one client gives it for both).
pub fn values_for(model: &EntModel, client: Client) -> Option<&ClientSettings> {
    let other = match client {
        Client::PronoteNet => Client::PronoteClient,
        Client::PronoteClient => Client::PronoteNet,
    };
    model
        .clients
        .get(&client)
        .or_else(|| model.clients.get(&other))
}

/// Whether the model gives the PRONOTE client other values than
/// PRONOTE.net's.
fn client_differs(model: &EntModel) -> bool {
    values_for(model, Client::PronoteClient) != values_for(model, Client::PronoteNet)
}

/// The base's settings with the model's values for the compared fields of
/// both clients: the identifier attribute, the CAS URLs when the model gives
/// them (otherwise the school keeps its own), the identification mode. The
/// PRONOTE client gets its own definition when the model's differs from
/// PRONOTE.net's, none otherwise (the same values). CAS delegation is
/// activated; an espace left on « Aucune » while nothing was delegated goes
/// to CAS, others keep their choice.
pub fn apply_model(settings: &DelegationSettings, model: &EntModel) -> DelegationSettings {
    let mut applied = settings.clone();
    if let Some(net) = values_for(model, Client::PronoteNet) {
        applied.common_identifier = net.common_identifier.clone();
        if let Some(urls) = &net.cas_urls {
            applied.cas_urls = Some(urls.clone());
        }
        applied.first_connection = net.first_connection.clone();
    }
    applied.pronote_client = match values_for(model, Client::PronoteClient) {
        Some(client) if client_differs(model) => {
            let mut own = client.clone();
            if own.cas_urls.is_none() {
                // One CAS per establishment: the client keeps its own, or
                // PRONOTE.net's.
                own.cas_urls = settings
                    .pronote_client
                    .as_ref()
                    .and_then(|c| c.cas_urls.clone());
            }
            Some(own)
        }
        _ => None,
    };
    let nothing_delegated = !applied.delegations.any_active()
        || applied
            .espaces
            .iter()
            .all(|(_, delegation)| delegation == EspaceDelegation::Aucune);
    if nothing_delegated {
        applied.espaces = EspaceMatrix::all_cas();
    }
    applied.delegations.cas = true;
    applied
}

/// The advised settings of an ENT, from its model (there is no default set
/// of attribute names, docs/domain.md « Les attributs de chaque ENT »): CAS
/// alone active, every espace on CAS, direct authentication only when the
/// CAS server does not answer (client: allowed), and the model's values for
/// both clients. `cas_root` gives the CAS address when the model has none
/// (one CAS per establishment); it is refused when the model gives one.
pub fn advised_settings(model: &EntModel, cas_root: Option<WebUrl>) -> Result<DelegationSettings> {
    let net = values_for(model, Client::PronoteNet)
        .ok_or_else(|| DomainError::validation("modelId", "Ce modèle ne donne aucun paramètre."))?;
    let mut base = DelegationSettings::initial();
    match (&net.cas_urls, cas_root) {
        (Some(_), Some(root)) => {
            return Err(DomainError::validation(
                "casRoot",
                format!(
                    "Le modèle « {} » donne déjà l'adresse du serveur CAS : laissez casRoot \
                     vide (indiqué : {root}).",
                    model.name
                ),
            ));
        }
        (None, None) => {
            return Err(DomainError::validation(
                "casRoot",
                format!(
                    "Le modèle « {} » ne donne pas l'adresse du serveur CAS (une adresse par \
                     établissement) : indiquez celle de votre ENT (casRoot).",
                    model.name
                ),
            ));
        }
        (None, Some(root)) => base.cas_urls = Some(CasUrls::standard(root)),
        (Some(_), None) => {}
    }
    base.delegations = Delegations::cas_only();
    base.espaces = EspaceMatrix::all_cas();
    base.direct_access = DirectAccess::WhenCasUnavailable;
    base.client_direct_access = true;
    let advised = apply_model(&base, model);
    advised.check()?;
    Ok(advised)
}

/// The clients compared between a base and a model: PRONOTE.net always, the
/// PRONOTE client when the model or the base gives it its own values.
fn compared_clients(settings: &DelegationSettings, model: &EntModel) -> Vec<Client> {
    let mut clients = vec![Client::PronoteNet];
    if client_differs(model) || settings.pronote_client.is_some() {
        clients.push(Client::PronoteClient);
    }
    clients
}

/// The base's values for `client`, without CAS addresses when the model
/// leaves them to the school.
fn current(
    settings: &DelegationSettings,
    client: Client,
    model: &ClientSettings,
) -> ClientSettings {
    let mut current = ClientSettings::of_delegation_for(settings, client);
    if model.cas_urls.is_none() {
        current.cas_urls = None;
    }
    current
}

/// What applying `model` would overwrite: the compared fields of both
/// clients where the base holds a value different from the model's (old:
/// the base, new: the model). Fields the model leaves to the school (no CAS
/// URLs) are not counted; a new base (initial settings) overwrites nothing.
pub fn overwritten(settings: &DelegationSettings, model: &EntModel) -> Vec<FieldChange> {
    if settings == &DelegationSettings::initial() {
        return Vec::new();
    }
    compared_clients(settings, model)
        .into_iter()
        .filter_map(|client| {
            let values = values_for(model, client)?;
            Some(diff_client_settings(
                client,
                &current(settings, client, values),
                values,
            ))
        })
        .flatten()
        .collect()
}

/// « Paramètres non conformes au modèle »: the compared fields of both
/// clients where the base differs from its model (old: the model, new: the
/// base).
pub fn drift(settings: &DelegationSettings, model: &EntModel) -> Vec<FieldChange> {
    compared_clients(settings, model)
        .into_iter()
        .filter_map(|client| {
            let values = values_for(model, client)?;
            Some(diff_client_settings(
                client,
                values,
                &current(settings, client, values),
            ))
        })
        .flatten()
        .collect()
}

/// What applying a model's update changes on a base that applied `old`:
/// the compared fields of PRONOTE.net and, when either version gives the
/// PRONOTE client its own values, of the PRONOTE client.
pub fn update_changes(old: &EntModel, new: &EntModel) -> Vec<FieldChange> {
    let mut clients = vec![Client::PronoteNet];
    if client_differs(old) || client_differs(new) {
        clients.push(Client::PronoteClient);
    }
    clients
        .into_iter()
        .filter_map(
            |client| match (values_for(old, client), values_for(new, client)) {
                (Some(old), Some(new)) => Some(diff_client_settings(client, old, new)),
                _ => None,
            },
        )
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delegation::{
        AttributeName, CommonIdentifier, FirstConnectionMode, IdentityAttributes,
    };
    use crate::models::{ModelField, known_ent_models};

    fn model(prefix: &str) -> EntModel {
        known_ent_models()
            .into_iter()
            .find(|m| m.name.starts_with(prefix))
            .unwrap()
    }

    fn url(raw: &str) -> WebUrl {
        WebUrl::parse("url", raw).unwrap()
    }

    /// NetO'Centre whose PRONOTE client identifies by the PRONOTE
    /// identifier while PRONOTE.net identifies by identity.
    fn with_own_client_part() -> EntModel {
        let mut model = model("NetO");
        let client = model.clients.get_mut(&Client::PronoteClient).unwrap();
        client.first_connection = FirstConnectionMode::PronoteIdentifier {
            attribute: AttributeName::parse("a", "idPronote").unwrap(),
        };
        client.common_identifier =
            CommonIdentifier::Attribute(AttributeName::parse("a", "idPronote").unwrap());
        model
    }

    #[test]
    fn a_new_base_takes_the_model_without_confirmation_and_then_matches_it() {
        let model = model("NetO");
        let initial = DelegationSettings::initial();
        assert!(overwritten(&initial, &model).is_empty());
        let applied = apply_model(&initial, &model);
        assert!(applied.delegations.cas);
        assert!(applied.check().is_ok(), "{:?}", applied.check());
        assert!(drift(&applied, &model).is_empty());
        // Same values for both clients: no separate client definition.
        assert_eq!(applied.pronote_client, None);
    }

    #[test]
    fn values_already_entered_are_reported_before_being_overwritten() {
        let model = model("NetO");
        let entered = DelegationSettings::advised(
            url("https://cas.autre-ent.fr/cas"),
            IdentityAttributes::short_names(),
        );
        let changes = overwritten(&entered, &model);
        assert!(
            changes
                .iter()
                .any(|c| c.old.as_deref() == Some("https://cas.autre-ent.fr/cas")),
            "{changes:?}"
        );
        // NetO'Centre names its attributes the directory's way.
        assert!(
            changes.iter().any(
                |c| c.old.as_deref() == Some("prenom") && c.new.as_deref() == Some("givenName")
            ),
            "{changes:?}"
        );
        let applied = apply_model(&entered, &model);
        assert!(drift(&applied, &model).is_empty());
        // The base keeps its own espace choices.
        assert_eq!(applied.espaces, entered.espaces);
    }

    #[test]
    fn a_model_without_cas_urls_leaves_the_school_its_own() {
        let mut model = model("NetO");
        for values in model.clients.values_mut() {
            values.cas_urls = None;
        }
        let entered = DelegationSettings::advised(
            url("https://cas.lycee.fr/cas"),
            IdentityAttributes::short_names(),
        );
        let applied = apply_model(&entered, &model);
        assert_eq!(applied.cas_urls, entered.cas_urls);
        assert!(drift(&applied, &model).is_empty());
    }

    #[test]
    fn the_pronote_client_part_is_applied_diffed_and_drift_checked() {
        let own = with_own_client_part();
        let applied = apply_model(&DelegationSettings::initial(), &own);
        let client = applied
            .pronote_client
            .as_ref()
            .expect("client part applied");
        assert_eq!(client.first_connection.code(), "PRONOTE_IDENTIFIER");
        assert_eq!(applied.first_connection.code(), "IDENTITY");
        assert_eq!(applied.check(), Ok(()));
        assert!(drift(&applied, &own).is_empty());

        // An update whose only change is in the client part lists it.
        let same = model("NetO");
        let changes = update_changes(&same, &own);
        assert!(!changes.is_empty());
        assert!(
            changes
                .iter()
                .all(|c| c.client == Some(Client::PronoteClient)),
            "{changes:?}"
        );
        assert!(
            changes
                .iter()
                .any(|c| c.field == ModelField::IdentificationMode),
            "{changes:?}"
        );
        assert!(update_changes(&same, &same).is_empty());

        // A base that applied the old version drifts from the new one on
        // the client only, and applying the update changes the base.
        let old_base = apply_model(&DelegationSettings::initial(), &same);
        let drifted = drift(&old_base, &own);
        assert!(!drifted.is_empty());
        assert!(
            drifted
                .iter()
                .all(|c| c.client == Some(Client::PronoteClient))
        );
        let updated = apply_model(&old_base, &own);
        assert_ne!(updated, old_base);
        assert!(drift(&updated, &own).is_empty());

        // Changing the client definition by hand is a drift too.
        let mut edited = updated.clone();
        if let Some(client) = &mut edited.pronote_client {
            client.common_identifier = CommonIdentifier::Subject;
        }
        assert!(
            drift(&edited, &own)
                .iter()
                .any(|c| c.client == Some(Client::PronoteClient)
                    && c.field == ModelField::IdentifierAttribute)
        );
        // Back to a model with one set of values: the client definition goes.
        assert_eq!(apply_model(&updated, &same).pronote_client, None);
    }

    #[test]
    fn advised_settings_come_from_the_ents_model() {
        let elyco = model("E-lyco");
        let advised = advised_settings(&elyco, None).unwrap();
        let FirstConnectionMode::Identity(identity) = &advised.first_connection else {
            panic!("identity mode");
        };
        assert_eq!(identity.last_name.as_str(), "sn");
        assert_eq!(identity.first_name.as_str(), "givenName");
        assert_eq!(identity.birth_date.as_str(), "ENTPersonDateNaissance");
        assert_eq!(identity.profile.as_str(), "ENTPersonProfils");
        assert_eq!(advised.espaces, EspaceMatrix::all_cas());
        assert_eq!(advised.direct_access, DirectAccess::WhenCasUnavailable);
        assert!(drift(&advised, &elyco).is_empty());

        let err = advised_settings(&elyco, Some(url("https://cas.ailleurs.fr/cas"))).unwrap_err();
        assert_eq!(err.field(), "casRoot");
        let mut per_school = elyco.clone();
        for values in per_school.clients.values_mut() {
            values.cas_urls = None;
        }
        assert_eq!(
            advised_settings(&per_school, None).unwrap_err().field(),
            "casRoot"
        );
        let typed = advised_settings(&per_school, Some(url("https://cas.lycee.fr/cas"))).unwrap();
        assert_eq!(
            typed.cas_urls,
            Some(CasUrls::standard(url("https://cas.lycee.fr/cas")))
        );
    }
}
