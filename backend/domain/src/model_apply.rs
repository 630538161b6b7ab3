//! Applying a model to a base's delegation settings, and the drift between
//! them (BRIEF §3: an update never changes a base by itself; applying over
//! values already entered needs a confirmation).

use crate::delegation::{DelegationSettings, EspaceDelegation, EspaceMatrix};
use crate::models::{Client, ClientSettings, EntModel, FieldChange, diff_client_settings};

/// The client whose settings a base takes from a model: PRONOTE.net, or the
/// PRONOTE client when the model only gives that one (since PRONOTE 2020
/// both share one set of delegation definitions, BRIEF §1).
pub fn client_of(model: &EntModel) -> Option<(Client, &ClientSettings)> {
    [Client::PronoteNet, Client::PronoteClient]
        .into_iter()
        .find_map(|client| model.clients.get(&client).map(|s| (client, s)))
}

/// The base's settings with the model's values for the compared fields: the
/// identifier attribute, the CAS URLs when the model gives them (otherwise the
/// school keeps its own), the identification mode. CAS delegation is
/// activated; an espace left on « Aucune » while nothing was delegated goes to
/// CAS, others keep their choice.
pub fn apply_model(settings: &DelegationSettings, model: &ClientSettings) -> DelegationSettings {
    let mut applied = settings.clone();
    applied.common_identifier = model.common_identifier.clone();
    if let Some(urls) = &model.cas_urls {
        applied.cas_urls = Some(urls.clone());
    }
    applied.first_connection = model.first_connection.clone();
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

/// What applying `model` would overwrite: the compared fields where the base
/// holds a value different from the model's (old: the base, new: the model).
/// Fields the model leaves to the school (no CAS URLs) are not counted.
pub fn overwritten(
    settings: &DelegationSettings,
    client: Client,
    model: &ClientSettings,
) -> Vec<FieldChange> {
    let mut current = ClientSettings::of_delegation(settings);
    if model.cas_urls.is_none() {
        current.cas_urls = None;
    }
    if settings == &DelegationSettings::initial() {
        return Vec::new();
    }
    diff_client_settings(client, &current, model)
}

/// « Paramètres non conformes au modèle »: the compared fields where the
/// base differs from its model (old: the model, new: the base).
pub fn drift(
    settings: &DelegationSettings,
    client: Client,
    model: &ClientSettings,
) -> Vec<FieldChange> {
    let mut current = ClientSettings::of_delegation(settings);
    if model.cas_urls.is_none() {
        current.cas_urls = None;
    }
    diff_client_settings(client, model, &current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::known_ent_models;
    use crate::web_url::WebUrl;

    fn netocentre() -> EntModel {
        known_ent_models()
            .into_iter()
            .find(|m| m.name.starts_with("NetO"))
            .unwrap()
    }

    #[test]
    fn a_new_base_takes_the_model_without_confirmation_and_then_matches_it() {
        let model = netocentre();
        let (client, values) = client_of(&model).unwrap();
        assert_eq!(client, Client::PronoteNet);
        let initial = DelegationSettings::initial();
        assert!(overwritten(&initial, client, values).is_empty());
        let applied = apply_model(&initial, values);
        assert!(applied.delegations.cas);
        assert!(applied.check().is_ok(), "{:?}", applied.check());
        assert!(drift(&applied, client, values).is_empty());
    }

    #[test]
    fn values_already_entered_are_reported_before_being_overwritten() {
        let model = netocentre();
        let (client, values) = client_of(&model).unwrap();
        let entered = DelegationSettings::recommended(
            WebUrl::parse("casRoot", "https://cas.autre-ent.fr/cas").unwrap(),
        );
        let changes = overwritten(&entered, client, values);
        assert!(
            changes
                .iter()
                .any(|c| c.old.as_deref() == Some("https://cas.autre-ent.fr/cas")),
            "{changes:?}"
        );
        let applied = apply_model(&entered, values);
        assert!(drift(&applied, client, values).is_empty());
        // The base keeps its own espace choices.
        assert_eq!(applied.espaces, entered.espaces);
    }

    #[test]
    fn a_model_without_cas_urls_leaves_the_school_its_own() {
        let model = netocentre();
        let (client, values) = client_of(&model).unwrap();
        let mut values = values.clone();
        values.cas_urls = None;
        let entered = DelegationSettings::recommended(
            WebUrl::parse("casRoot", "https://cas.lycee.fr/cas").unwrap(),
        );
        let applied = apply_model(&entered, &values);
        assert_eq!(applied.cas_urls, entered.cas_urls);
        assert!(drift(&applied, client, &values).is_empty());
    }
}
