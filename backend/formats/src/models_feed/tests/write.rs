//! The canonical form: `parse(write(feed))` gives `feed` back, valid
//! against the schema.

use super::*;
use proptest::prelude::*;
use proptest::string::string_regex;

fn regex(pattern: &str) -> impl Strategy<Value = String> + use<> {
    string_regex(pattern).unwrap()
}

fn label() -> impl Strategy<Value = String> {
    regex("[A-Za-z0-9éèàçÉÔœ&<>\"' :()\\-]{0,30}[A-Za-zé&<>\"']")
        .prop_map(|raw| EntModel::clean_label(&raw))
}

fn description() -> impl Strategy<Value = Option<String>> {
    prop::option::of(regex("[a-zéà&<>\"' \\n\\t\\]]{0,80}"))
        .prop_map(|raw| raw.and_then(|raw| EntModel::clean_description(&raw)))
}

fn url() -> impl Strategy<Value = WebUrl> {
    (
        prop::bool::ANY,
        regex("[a-z][a-z0-9\\-]{0,10}\\.(fr|com|education)"),
        regex("(/[a-zA-Z0-9_&'\\-]{1,8}){0,3}"),
    )
        .prop_filter_map("adresse valide", |(https, host, path)| {
            let scheme = if https { "https" } else { "http" };
            WebUrl::parse("url", &format!("{scheme}://{host}{path}")).ok()
        })
}

fn attribute() -> impl Strategy<Value = AttributeName> {
    regex("[A-Za-z][A-Za-z0-9_.:\\-]{0,20}")
        .prop_map(|raw| AttributeName::parse("attribute", &raw).unwrap())
}

fn values() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(regex("[A-Za-z0-9_éà&<>' ]{0,12}"), 0..4)
        .prop_map(|raw| ProfileValues::parse_list("profileValues", &raw.join(";")).unwrap())
}

fn identity() -> impl Strategy<Value = IdentityAttributes> {
    (
        (attribute(), attribute(), attribute()),
        prop::option::of(attribute()),
        attribute(),
        prop::collection::vec(values(), 6),
        regex("National_[1-4]"),
    )
        .prop_map(
            |((last_name, first_name, birth_date), postal_code, profile, lists, eleve)| {
                let mut profile_values = ProfileValues::default();
                for (profile, list) in Profile::ALL.into_iter().zip(lists) {
                    profile_values.set(profile, list);
                }
                if profile_values.is_empty() {
                    profile_values.set(Profile::Eleve, vec![eleve]);
                }
                IdentityAttributes {
                    last_name,
                    first_name,
                    birth_date,
                    postal_code,
                    profile,
                    profile_values,
                }
            },
        )
}

fn mode() -> impl Strategy<Value = FirstConnectionMode> {
    prop_oneof![
        identity().prop_map(FirstConnectionMode::Identity),
        attribute().prop_map(|attribute| FirstConnectionMode::PronoteIdentifier { attribute }),
        Just(FirstConnectionMode::DoubleAuthentication),
        Just(FirstConnectionMode::RefuseAccess),
    ]
}

fn cas_urls() -> impl Strategy<Value = Option<CasUrls>> {
    prop_oneof![
        Just(None),
        url().prop_map(|root| Some(CasUrls::Standard { root })),
        (url(), url()).prop_map(|(login, validation)| Some(CasUrls::Custom { login, validation })),
    ]
}

fn settings() -> impl Strategy<Value = ClientSettings> {
    (prop::option::of(attribute()), cas_urls(), mode()).prop_map(
        |(identifier, cas_urls, first_connection)| ClientSettings {
            common_identifier: identifier
                .map_or(CommonIdentifier::Subject, CommonIdentifier::Attribute),
            cas_urls,
            first_connection,
        },
    )
}

fn model() -> impl Strategy<Value = EntModel> {
    (
        label(),
        label(),
        description(),
        prop::option::of(url()),
        0..3usize,
        settings(),
        settings(),
    )
        .prop_map(
            |(name, location, description, documentation_url, which, a, b)| {
                let clients = match which {
                    0 => BTreeMap::from([(Client::PronoteClient, a)]),
                    1 => BTreeMap::from([(Client::PronoteNet, a)]),
                    _ => BTreeMap::from([(Client::PronoteClient, a), (Client::PronoteNet, b)]),
                };
                EntModel {
                    name,
                    location,
                    description,
                    documentation_url,
                    clients,
                }
            },
        )
}

fn feed() -> impl Strategy<Value = ModelFeed> {
    prop::collection::vec(model(), 1..=5).prop_map(|mut models| {
        for (i, model) in models.iter_mut().enumerate() {
            model.name = EntModel::clean_label(&format!("{} n°{i}", model.name));
        }
        ModelFeed { models }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parse_gives_back_what_write_wrote(feed in feed()) {
        prop_assert_eq!(feed.check(), Ok(()));
        let xml = write(&feed);
        let back = parse(xml.as_bytes(), &Limits::default());
        prop_assert_eq!(back.as_ref(), Ok(&feed), "{}", xml);
        prop_assert_eq!(write(&feed), xml);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn what_write_writes_matches_the_schema(feed in feed()) {
        xmllint(&write(&feed), true);
    }
}
