//! First start and demo data.

use rand::Rng;
use rand::distr::Alphanumeric;
use relais_app::auth::{AuthService, PasswordHasher};
use relais_domain::{
    Academy, Commune, DisplayName, Email, EstablishmentKind, EstablishmentName,
    EstablishmentStatus, Password, PostalCode, Role, TenantName, TenantSlug, Uai,
};
use relais_store::{
    Caller, EstablishmentFields, NewEstablishment, NewTenant, NewUser, Store, StoreError,
};
use secrecy::ExposeSecret;

use crate::config::{BootstrapSettings, read_secret};
use crate::error::ServerError;

/// What the first start did about the platform administrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BootstrapOutcome {
    /// Users already exist: nothing done.
    AlreadyInitialised,
    /// Created with the configured password.
    Created { email: String },
    /// Created with a generated password, to be printed once.
    CreatedWithGeneratedPassword { email: String, password: String },
    /// The schema is not migrated yet (`database.run_migrations = false`):
    /// `relais migrate` creates the administrator.
    SchemaPending,
}

pub const DEFAULT_ADMIN_EMAIL: &str = "admin@relais.localhost";

/// Creates the first platform administrator on an empty database.
pub async fn ensure_platform_admin(
    store: &Store,
    hasher: &PasswordHasher,
    settings: &BootstrapSettings,
) -> Result<BootstrapOutcome, ServerError> {
    if store.credentials().count_users().await? > 0 {
        return Ok(BootstrapOutcome::AlreadyInitialised);
    }
    let email_raw = settings
        .admin_email
        .clone()
        .unwrap_or_else(|| DEFAULT_ADMIN_EMAIL.to_owned());
    let email = Email::parse("bootstrap.admin_email", &email_raw).map_err(config_error)?;
    let configured = read_secret(
        &settings.admin_password,
        &settings.admin_password_file,
        "bootstrap.admin_password",
    )?;
    let (password, generated) = match configured {
        Some(secret) => (secret.expose_secret().to_owned(), false),
        None => (generate_password(), true),
    };
    let checked =
        Password::new_checked("bootstrap.admin_password", &password).map_err(config_error)?;
    let password_hash = hasher.hash(checked.expose().to_owned()).await?;
    let caller = Caller::command_line();
    store
        .scoped(&caller)
        .users()
        .create(NewUser {
            email: email.clone(),
            display_name: DisplayName::parse("displayName", "Administrateur de la plateforme")
                .map_err(config_error)?,
            role: Role::PlatformAdmin,
            tenant_id: None,
            password_hash,
        })
        .await?;
    let email = email.to_string();
    Ok(if generated {
        BootstrapOutcome::CreatedWithGeneratedPassword { email, password }
    } else {
        BootstrapOutcome::Created { email }
    })
}

/// The demo accounts `--demo` creates; all share `DEMO_PASSWORD`.
pub const DEMO_ACCOUNTS: [(&str, &str, Role); 3] = [
    (
        "operateur@demo.relais.localhost",
        "Opératrice de démonstration",
        Role::OperatorAdmin,
    ),
    (
        "assistance@demo.relais.localhost",
        "Agent d'assistance de démonstration",
        Role::Helpdesk,
    ),
    (
        "etablissement@demo.relais.localhost",
        "Administrateur d'établissement de démonstration",
        Role::SchoolAdmin,
    ),
];
pub const DEMO_PASSWORD: &str = "demo-relais-2026";

/// Seeds a demo operator and its accounts. Running it again changes nothing.
/// `feed_url`: where the demo's model feed is served (`/demo/modeles.xml`).
pub async fn seed_demo(
    store: &Store,
    auth: &AuthService,
    vault: &std::sync::Arc<relais_app::file_vault::FileVault>,
    feed_url: &str,
) -> Result<bool, ServerError> {
    let caller = Caller::command_line();
    let scoped = store.scoped(&caller);
    let slug = TenantSlug::parse("slug", "demo").map_err(config_error)?;
    match scoped.tenants().find_by_slug(&slug).await {
        Ok(_) => return Ok(false),
        Err(StoreError::NotFound) => {}
        Err(err) => return Err(err.into()),
    }
    let tenant = scoped
        .tenants()
        .create(NewTenant {
            slug,
            name: TenantName::parse("name", "ENT de démonstration").map_err(config_error)?,
            contact_email: Email::parse("contactEmail", "contact@demo.relais.localhost")
                .map_err(config_error)?,
            helpdesk_email: Email::parse("helpdeskEmail", "assistance@demo.relais.localhost")
                .map_err(config_error)?,
        })
        .await?;
    let password_hash = auth.hasher().hash(DEMO_PASSWORD.to_owned()).await?;
    let mut school_admin = None;
    for (email, name, role) in DEMO_ACCOUNTS {
        let user = scoped
            .users()
            .create(NewUser {
                email: Email::parse("email", email).map_err(config_error)?,
                display_name: DisplayName::parse("displayName", name).map_err(config_error)?,
                role,
                tenant_id: Some(tenant.id),
                password_hash: password_hash.clone(),
            })
            .await?;
        if role == Role::SchoolAdmin {
            school_admin = Some(user.id);
        }
    }
    let establishments = demo_establishments()?;
    scoped
        .establishments()
        .import(Some(tenant.id.uuid()), &establishments, true)
        .await?;
    let stored: Vec<_> = scoped
        .establishments()
        .all_by_uai()
        .await?
        .into_iter()
        .filter(|e| e.tenant_id == tenant.id)
        .collect();
    let model = crate::demo_models::seed_demo_models(scoped, tenant.id.uuid(), feed_url).await?;
    // The demo ENT's recommended settings come from its model.
    scoped
        .default_models()
        .set(tenant.id.uuid(), Some(model))
        .await?;
    crate::demo_bases::seed_demo_bases(scoped, &stored, model).await?;
    // The school administrator looks after the first cité scolaire.
    if let (Some(user), Some(first)) = (school_admin, establishments.first()) {
        let granted = scoped
            .establishments()
            .get_by_uai_in(&first.uai, Some(tenant.id.uuid()))
            .await?;
        // All the establishments of its cité: its account-matching file
        // covers them all.
        let mut members = scoped
            .bases()
            .serving(granted.id)
            .await?
            .map(|(_, members)| members)
            .unwrap_or_default();
        if members.is_empty() {
            members.push(granted.clone());
        }
        for member in &members {
            scoped.grants().grant(user, member.id.uuid()).await?;
        }
        crate::demo_exports::seed_demo_exports(scoped, vault, tenant.id.uuid(), &granted).await?;
    }
    Ok(true)
}

/// Communes of the demo region (Centre-Val de Loire), with their real
/// postal codes, per department (UAI digits).
const DEMO_COMMUNES: [(&str, &[(&str, &str)]); 6] = [
    (
        "018",
        &[
            ("Bourges", "18000"),
            ("Vierzon", "18100"),
            ("Saint-Amand-Montrond", "18200"),
            ("Sancerre", "18300"),
            ("Saint-Florent-sur-Cher", "18400"),
            ("Mehun-sur-Yèvre", "18500"),
            ("Sancoins", "18600"),
            ("Aubigny-sur-Nère", "18700"),
        ],
    ),
    (
        "028",
        &[
            ("Chartres", "28000"),
            ("Dreux", "28100"),
            ("Lucé", "28110"),
            ("Châteaudun", "28200"),
            ("Mainvilliers", "28300"),
            ("Nogent-le-Rotrou", "28400"),
            ("Vernouillet", "28500"),
            ("Luisant", "28600"),
        ],
    ),
    (
        "036",
        &[
            ("Châteauroux", "36000"),
            ("Issoudun", "36100"),
            ("Déols", "36130"),
            ("Argenton-sur-Creuse", "36200"),
            ("Le Blanc", "36300"),
            ("La Châtre", "36400"),
            ("Buzançais", "36500"),
            ("Valençay", "36600"),
        ],
    ),
    (
        "037",
        &[
            ("Tours", "37000"),
            ("Joué-lès-Tours", "37300"),
            ("Amboise", "37400"),
            ("Chinon", "37500"),
            ("Loches", "37600"),
            ("Saint-Pierre-des-Corps", "37700"),
            ("Saint-Cyr-sur-Loire", "37540"),
            ("Chambray-lès-Tours", "37170"),
        ],
    ),
    (
        "041",
        &[
            ("Blois", "41000"),
            ("Vendôme", "41100"),
            ("Romorantin-Lanthenay", "41200"),
            ("Salbris", "41300"),
            ("Mer", "41500"),
            ("Lamotte-Beuvron", "41600"),
            ("Montoire-sur-le-Loir", "41800"),
            ("Vineuil", "41350"),
        ],
    ),
    (
        "045",
        &[
            ("Orléans", "45000"),
            ("Montargis", "45200"),
            ("Pithiviers", "45300"),
            ("Fleury-les-Aubrais", "45400"),
            ("Gien", "45500"),
            ("Sully-sur-Loire", "45600"),
            ("Saint-Jean-de-Braye", "45800"),
            ("Olivet", "45160"),
        ],
    ),
];

/// The establishment of a department that shares a site, and a name, with
/// the department's first collège (n = 0): a cité scolaire of a collège and
/// a lycée (`demo_bases` serves both by one base).
pub(crate) const CITE_PARTNER: u32 = 6;

/// About three hundred establishments with valid UAIs: collèges, lycées,
/// lycées professionnels, an EREA per department, and a few closed ones,
/// spread over the communes of each department with their postal codes;
/// no two with the same name in a commune (docs/domain.md « Démonstration
/// »). The lycée n = 6 shares the site and the name of the collège n = 0:
/// the department's cité scolaire.
#[allow(
    clippy::indexing_slicing,
    reason = "communes and names are taken modulo their tables' lengths"
)]
pub(crate) fn demo_establishments() -> Result<Vec<NewEstablishment>, ServerError> {
    let mut rows = Vec::new();
    for (department, communes) in DEMO_COMMUNES {
        let count = communes.len() as u32;
        for n in 0..50u32 {
            let digits = format!("{department}{:04}", 1000 + n * 7);
            let letter = Uai::expected_check_letter(&digits).unwrap_or('A');
            let (kind, label) = match n % 10 {
                0..=5 => (EstablishmentKind::College, "Collège"),
                6 | 7 => (EstablishmentKind::Lycee, "Lycée"),
                8 => (EstablishmentKind::LyceeProfessionnel, "Lycée professionnel"),
                _ if n == 9 => (EstablishmentKind::Erea, "EREA"),
                _ => (EstablishmentKind::Lycee, "Lycée polyvalent"),
            };
            let status = if n % 23 == 22 {
                EstablishmentStatus::Closed
            } else {
                EstablishmentStatus::Open
            };
            // Establishments of a commune are n ≡ c (mod count): n / count
            // differs between them, and so do their names.
            let site = if n == CITE_PARTNER { 0 } else { n };
            let (commune, postal_code) = communes[(site % count) as usize];
            let person = DEMO_NAMES[(site / count) as usize % DEMO_NAMES.len()];
            let name = format!("{label} {person}");
            rows.push(NewEstablishment {
                uai: Uai::parse("uai", &format!("{digits}{letter}")).map_err(config_error)?,
                fields: EstablishmentFields {
                    name: EstablishmentName::parse("name", &name).map_err(config_error)?,
                    kind,
                    commune: Some(Commune::parse("commune", commune).map_err(config_error)?),
                    postal_code: Some(
                        PostalCode::parse("postalCode", postal_code).map_err(config_error)?,
                    ),
                    academy: Some(
                        Academy::parse("academy", "Orléans-Tours").map_err(config_error)?,
                    ),
                    status,
                },
            });
        }
    }
    Ok(rows)
}

const DEMO_NAMES: [&str; 10] = [
    "Jean Moulin",
    "Marie Curie",
    "Victor Hugo",
    "George Sand",
    "Jules Ferry",
    "Louise Michel",
    "Charles Péguy",
    "Jean Zay",
    "Rabelais",
    "Descartes",
];

/// 20 random letters and digits (about 119 bits).
pub fn generate_password() -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(20)
        .map(char::from)
        .collect()
}

fn config_error(err: relais_domain::DomainError) -> ServerError {
    ServerError::Config(format!("{} ({})", err, err.field()))
}
