//! The steps many tests share, one method per use case (zero2prod's
//! `TestApp` habit), over the typed operations of `typed.rs`: a test reads
//! as what people do, and the compiler checks what it sends.

use crate::helpers::{TenantFixture, TestApp};
use crate::typed::{
    ApplyRecommendedSettings, CreateBase, CreateEstablishment, GrantEstablishment, SetPublication,
    apply_recommended_settings, create_base, create_establishment, grant_establishment,
    set_publication,
};
use crate::typed::{
    ChangeTicketStatus, CommentTicket, OpenTicket, Refused, change_ticket_status, comment_ticket,
    open_ticket,
};

pub use crate::typed::create_establishment::EstablishmentKind;

/// An establishment to create: its UAI, name and kind, optionally its
/// academy.
pub struct NewEstablishment<'a> {
    pub uai: &'a str,
    pub name: &'a str,
    pub kind: EstablishmentKind,
    pub academy: Option<&'a str>,
}

impl<'a> NewEstablishment<'a> {
    pub fn of_kind(kind: EstablishmentKind, uai: &'a str, name: &'a str) -> Self {
        Self {
            uai,
            name,
            kind,
            academy: None,
        }
    }

    pub fn lycee(uai: &'a str, name: &'a str) -> Self {
        Self::of_kind(EstablishmentKind::LYCEE, uai, name)
    }

    pub fn college(uai: &'a str, name: &'a str) -> Self {
        Self::of_kind(EstablishmentKind::COLLEGE, uai, name)
    }

    pub fn in_academy(self, academy: &'a str) -> Self {
        Self {
            academy: Some(academy),
            ..self
        }
    }
}

/// A base to create: hosted by Index Education, for `establishment`.
pub struct NewBase<'a> {
    pub establishment: &'a str,
    /// The other establishments of a cité scolaire.
    pub others: Vec<String>,
    pub school_year: &'a str,
    pub public_url: Option<&'a str>,
    pub credentials_distributed: bool,
}

impl<'a> NewBase<'a> {
    /// School year 2026-2027, no public address yet.
    pub fn hosted(establishment: &'a str) -> Self {
        Self {
            establishment,
            others: Vec::new(),
            school_year: "2026-2027",
            public_url: None,
            credentials_distributed: false,
        }
    }

    /// A cité scolaire's base: it also serves `others`.
    pub fn serving(self, others: &[&str]) -> Self {
        Self {
            others: others.iter().map(|id| (*id).to_owned()).collect(),
            ..self
        }
    }

    /// The ENT accounts' credentials were handed out to the users.
    pub fn credentials_distributed(self) -> Self {
        Self {
            credentials_distributed: true,
            ..self
        }
    }

    pub fn of_year(self, school_year: &'a str) -> Self {
        Self {
            school_year,
            ..self
        }
    }

    /// With its PRONOTE.net public address.
    pub fn at(self, public_url: &'a str) -> Self {
        Self {
            public_url: Some(public_url),
            ..self
        }
    }
}

/// A base as created: its id, and the version to send back with a change.
pub struct CreatedBase {
    pub id: String,
    pub version: i64,
}

/// What `school_with_base` made.
pub struct School {
    pub establishment: String,
    pub base: String,
}

impl TestApp {
    /// The operator (`token`) creates an establishment of its tenant; its id.
    pub async fn create_establishment(&self, token: &str, new: NewEstablishment<'_>) -> String {
        let input = create_establishment::CreateEstablishmentInput {
            tenant_id: None,
            uai: new.uai.to_owned(),
            acknowledge_checksum_mismatch: false,
            name: new.name.to_owned(),
            kind: new.kind,
            commune: None,
            postal_code: None,
            academy: new.academy.map(str::to_owned),
            status: create_establishment::EstablishmentStatus::OPEN,
        };
        self.run_ok::<CreateEstablishment>(Some(token), create_establishment::Variables { input })
            .await
            .create_establishment
            .id
    }

    /// The operator creates a base; its id and version.
    pub async fn create_base(&self, token: &str, new: NewBase<'_>) -> CreatedBase {
        let input = create_base::CreateBaseInput {
            group_establishment_id: new.establishment.to_owned(),
            other_establishment_ids: new.others,
            fields: create_base::BaseFieldsInput {
                hosting: create_base::Hosting::HOSTED,
                pronote_version: None,
                school_year: new.school_year.to_owned(),
                public_url: new.public_url.map(str::to_owned),
                server_address: None,
                ent_credentials_distributed: new.credentials_distributed,
            },
        };
        let created = self
            .run_ok::<CreateBase>(Some(token), create_base::Variables { input })
            .await
            .create_base;
        CreatedBase {
            id: created.id,
            version: created.version,
        }
    }

    /// Applies the recommended settings for `cas_root` to the base at
    /// `version`; the base's new version.
    pub async fn apply_recommended_settings(
        &self,
        token: &str,
        base: &str,
        version: i64,
        cas_root: &str,
    ) -> i64 {
        let variables = apply_recommended_settings::Variables {
            base_id: base.to_owned(),
            version,
            cas_root: cas_root.to_owned(),
        };
        self.run_ok::<ApplyRecommendedSettings>(Some(token), variables)
            .await
            .apply_recommended_settings
            .version
    }

    /// Publishes the base at `version` (PRONOTE.net then delegates to the
    /// ENT); the base's new version.
    pub async fn publish(&self, token: &str, base: &str, version: i64) -> i64 {
        let variables = set_publication::Variables {
            base_id: base.to_owned(),
            version,
            publication: set_publication::Publication::PUBLISHED,
        };
        self.run_ok::<SetPublication>(Some(token), variables)
            .await
            .set_publication
            .version
    }

    /// The operator grants `establishment` to the school administrator `user`.
    pub async fn grant_establishment(&self, token: &str, user: &str, establishment: &str) {
        let granted = self
            .run_ok::<GrantEstablishment>(
                Some(token),
                grant_establishment::Variables {
                    user_id: user.to_owned(),
                    establishment_id: establishment.to_owned(),
                },
            )
            .await;
        assert!(granted.grant_establishment, "the grant was not made");
    }

    /// In `tenant`, an establishment with its base, granted to the
    /// tenant's school administrator: the start of most school scenarios.
    pub async fn school_with_base(
        &self,
        tenant: &TenantFixture,
        establishment: NewEstablishment<'_>,
    ) -> School {
        let establishment = self
            .create_establishment(&tenant.operator, establishment)
            .await;
        let base = self
            .create_base(&tenant.operator, NewBase::hosted(&establishment))
            .await
            .id;
        self.grant_establishment(&tenant.operator, &tenant.school_id, &establishment)
            .await;
        School {
            establishment,
            base,
        }
    }
}

// ---------------------------------------------------------------------
// Tickets (typed-b): a school opens a ticket, the helpdesk works it.

pub use crate::typed::open_ticket::TicketCategoryName;

/// A ticket to open about `establishment`.
pub struct NewTicket<'a> {
    pub establishment: &'a str,
    pub category: TicketCategoryName,
    pub title: &'a str,
    pub description: &'a str,
    pub contact_email: Option<&'a str>,
    pub contact_phone: Option<&'a str>,
}

impl<'a> NewTicket<'a> {
    pub fn about(
        establishment: &'a str,
        category: TicketCategoryName,
        title: &'a str,
        description: &'a str,
    ) -> Self {
        Self {
            establishment,
            category,
            title,
            description,
            contact_email: None,
            contact_phone: None,
        }
    }

    /// Another address the helpdesk may use.
    pub fn contact_email(self, email: &'a str) -> Self {
        Self {
            contact_email: Some(email),
            ..self
        }
    }

    pub fn contact_phone(self, phone: &'a str) -> Self {
        Self {
            contact_phone: Some(phone),
            ..self
        }
    }
}

/// A ticket as `openTicket` answers it.
pub type OpenedTicket = crate::typed::open_ticket::TicketDetail;

impl TestApp {
    /// `token`'s holder opens a ticket: the ticket, or the refusal.
    pub async fn open_ticket(
        &self,
        token: &str,
        new: NewTicket<'_>,
    ) -> Result<OpenedTicket, Refused> {
        let input = open_ticket::OpenTicketInput {
            establishment_id: new.establishment.to_owned(),
            category: new.category,
            title: new.title.to_owned(),
            description: new.description.to_owned(),
            contact_email: new.contact_email.map(str::to_owned),
            contact_phone: new.contact_phone.map(str::to_owned),
        };
        self.run::<OpenTicket>(Some(token), open_ticket::Variables { input })
            .await
            .map(|data| data.open_ticket)
    }

    /// Like [`TestApp::open_ticket`], for a ticket the test expects to
    /// open; its id.
    pub async fn opened_ticket(&self, token: &str, new: NewTicket<'_>) -> String {
        self.open_ticket(token, new)
            .await
            .unwrap_or_else(|refused| panic!("openTicket refused: {refused:?}"))
            .id
    }

    /// The helpdesk (`token`) moves the ticket to `status`: the ticket, or
    /// the refusal.
    pub async fn change_ticket_status(
        &self,
        token: &str,
        ticket: &str,
        status: change_ticket_status::TicketStatusName,
    ) -> Result<change_ticket_status::TicketDetail, Refused> {
        let variables = change_ticket_status::Variables {
            ticket_id: ticket.to_owned(),
            status,
        };
        self.run::<ChangeTicketStatus>(Some(token), variables)
            .await
            .map(|data| data.change_ticket_status)
    }

    /// `token`'s holder comments the ticket: the ticket, or the refusal.
    pub async fn comment_ticket(
        &self,
        token: &str,
        ticket: &str,
        body: &str,
    ) -> Result<comment_ticket::TicketDetail, Refused> {
        let variables = comment_ticket::Variables {
            ticket_id: ticket.to_owned(),
            body: body.to_owned(),
        };
        self.run::<CommentTicket>(Some(token), variables)
            .await
            .map(|data| data.comment_ticket)
    }
}

// ---------------------------------------------------------------------
// Sessions (typed-b): logging in, as the API answers it.

pub type Session = crate::typed::auth_login::AuthLoginLogin;

impl TestApp {
    /// Logs in: the tokens and the account, or the refusal.
    pub async fn log_in(&self, email: &str, password: &str) -> Result<Session, Refused> {
        let variables = crate::typed::auth_login::Variables {
            email: email.to_owned(),
            password: password.to_owned(),
        };
        self.run::<crate::typed::AuthLogin>(None, variables)
            .await
            .map(|data| data.login)
    }
}

// Integrators' models and the delegation settings of a base (models,
// ENT models, model history, CAS checks).

pub use crate::typed::update_delegation_settings::{
    CasUrlsInput, ClientDelegationInput, DelegationSettingsInput, DelegationsInput, DirectAccess,
    Espace, EspaceDelegation, EspaceSettingInput, FirstConnectionInput, FirstConnectionMode,
    Profile, ProfileValuesInput,
};
use crate::typed::{
    ApplyModel, BaseModelState, CreateModelSource, ImportModels, ModelCatalog,
    UpdateDelegationSettings, apply_model, base_model_state, create_model_source, import_models,
    model_catalog, update_delegation_settings,
};

/// Settings to save: CAS at `root` (Relais derives the addresses), no
/// espace delegated, direct access kept, first connection by double
/// authentication. Tests change the fields their case is about.
pub fn cas_settings(root: &str) -> DelegationSettingsInput {
    DelegationSettingsInput {
        delegations: DelegationsInput {
            cas: true,
            ws_federation: false,
            edu_connect: false,
        },
        espaces: Vec::new(),
        cas_urls: Some(CasUrlsInput {
            root: Some(root.to_owned()),
            login_url: None,
            validation_url: None,
        }),
        direct_access: DirectAccess::ALWAYS,
        client_direct_access: true,
        common_identifier_attribute: None,
        first_connection: first_connection(FirstConnectionMode::DOUBLE_AUTHENTICATION),
        pronote_client: None,
    }
}

/// A first connection in `mode`, naming no attribute.
pub fn first_connection(mode: FirstConnectionMode) -> FirstConnectionInput {
    FirstConnectionInput {
        mode,
        pronote_identifier_attribute: None,
        last_name: None,
        first_name: None,
        birth_date: None,
        postal_code: None,
        profile: None,
        profile_values: Vec::new(),
    }
}

/// `espace` delegated to `delegation`.
pub fn espace(espace: Espace, delegation: EspaceDelegation) -> EspaceSettingInput {
    EspaceSettingInput { espace, delegation }
}

/// The profile values of an identity first connection.
pub fn profile_values(values: &[(Profile, &str)]) -> Vec<ProfileValuesInput> {
    values
        .iter()
        .map(|(profile, values)| ProfileValuesInput {
            profile: profile.clone(),
            values: (*values).to_owned(),
        })
        .collect()
}

/// A first connection by identity: the ENT's attribute names, and the
/// national profile values of the four populations.
pub fn identity_first_connection(
    last_name: &str,
    first_name: &str,
    birth_date: &str,
    postal_code: &str,
    profile: &str,
) -> FirstConnectionInput {
    FirstConnectionInput {
        last_name: Some(last_name.to_owned()),
        first_name: Some(first_name.to_owned()),
        birth_date: Some(birth_date.to_owned()),
        postal_code: Some(postal_code.to_owned()),
        profile: Some(profile.to_owned()),
        profile_values: profile_values(&[
            (Profile::ELEVE, "National_1"),
            (Profile::PARENT, "National_2"),
            (Profile::PROFESSEUR, "National_3"),
            (Profile::PERSONNEL, "National_4"),
        ]),
        ..first_connection(FirstConnectionMode::IDENTITY)
    }
}

pub type ImportReport = import_models::ImportModelsImportModels;
pub type AppliedModel = apply_model::ApplyModelApplyModel;
pub type BaseModel = base_model_state::BaseModelStateBase;

impl TestApp {
    /// Saves `settings` on the base at `version`; the base's new version.
    pub async fn update_delegation_settings(
        &self,
        token: &str,
        base: &str,
        version: i64,
        settings: DelegationSettingsInput,
    ) -> Result<i64, Refused> {
        let variables = update_delegation_settings::Variables {
            base_id: base.to_owned(),
            version,
            settings,
        };
        self.run::<UpdateDelegationSettings>(Some(token), variables)
            .await
            .map(|saved| saved.update_delegation_settings.version)
    }

    /// The operator creates a model source fed by hand (`importModels`);
    /// its id.
    pub async fn create_model_source(&self, token: &str, name: &str) -> String {
        let input = create_model_source::CreateModelSourceInput {
            tenant_id: None,
            name: name.to_owned(),
            feed_url: None,
            cron: None,
            allow_http_for_testing: false,
        };
        self.run_ok::<CreateModelSource>(Some(token), create_model_source::Variables { input })
            .await
            .create_model_source
            .id
    }

    /// Imports a `relais-models/1` feed into `source`: what changed.
    pub async fn import_models(
        &self,
        token: &str,
        source: &str,
        feed: &str,
    ) -> Result<ImportReport, Refused> {
        let variables = import_models::Variables {
            source_id: source.to_owned(),
            feed_xml: feed.to_owned(),
        };
        self.run::<ImportModels>(Some(token), variables)
            .await
            .map(|imported| imported.import_models)
    }

    /// The names of the models `token`'s holder sees, in the API's order.
    pub async fn model_names(&self, token: &str) -> Vec<String> {
        self.run_ok::<ModelCatalog>(Some(token), model_catalog::Variables)
            .await
            .models
            .into_iter()
            .map(|model| model.name)
            .collect()
    }

    /// The id of the model named `name` among those `token`'s holder sees.
    pub async fn model_id(&self, token: &str, name: &str) -> String {
        let catalog = self
            .run_ok::<ModelCatalog>(Some(token), model_catalog::Variables)
            .await;
        catalog
            .models
            .iter()
            .find(|model| model.name == name)
            .unwrap_or_else(|| panic!("no model {name} in {catalog:?}"))
            .id
            .clone()
    }

    /// Applies `model` to the base at `expected_version`, without
    /// overwriting hand-made changes.
    pub async fn apply_model(
        &self,
        token: &str,
        base: &str,
        model: &str,
        expected_version: i64,
    ) -> Result<AppliedModel, Refused> {
        let variables = apply_model::Variables {
            base_id: base.to_owned(),
            model_id: model.to_owned(),
            expected_version,
            confirm_overwrite: false,
        };
        self.run::<ApplyModel>(Some(token), variables)
            .await
            .map(|applied| applied.apply_model)
    }

    /// A base's settings and its model's state.
    pub async fn base_model_state(&self, token: &str, base: &str) -> BaseModel {
        self.run_ok::<BaseModelState>(
            Some(token),
            base_model_state::Variables {
                id: base.to_owned(),
            },
        )
        .await
        .base
    }
}
