//! The command line: `relais serve`, `migrate`, `admin …`, `print-schema`,
//! `print-errors`.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use relais_domain::{DisplayName, Email, Password, Role, TenantName, TenantSlug};
use relais_migration::Migrator;
use relais_store::{Caller, NewTenant, NewUser, Store};

use crate::bootstrap::{
    BootstrapOutcome, DEMO_ACCOUNTS, DEMO_PASSWORD, ensure_platform_admin, generate_password,
};
use crate::config::Settings;
use crate::startup::{Application, BuildOptions};
use crate::telemetry;

#[derive(Debug, Parser)]
#[command(
    name = "relais",
    version,
    about = "Relais — délégation d'authentification PRONOTE ⇄ ENT"
)]
pub struct Cli {
    /// Configuration file (TOML).
    #[arg(long, global = true, env = "RELAIS_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the HTTP server and the jobs.
    Serve {
        /// Seed a demo operator and accounts to click around.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Administration tasks.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Print the GraphQL schema (SDL).
    PrintSchema,
    /// Print the error codes and reasons with their French meaning
    /// (docs/errors.md).
    PrintErrors,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a tenant (a regional ENT operator).
    CreateTenant(CreateTenantArgs),
    /// Create a user account.
    CreateUser(CreateUserArgs),
    /// E-mail the account a single-use link to choose a new password (a lost
    /// first administrator password, too). The link is also printed here,
    /// for a platform without working mail; the password is never shown.
    ResetPassword {
        /// The account's e-mail address.
        email: String,
    },
    /// Re-wrap every tenant key with a new master key (objects untouched).
    /// With --new-key-file: from the configured key to that one (switch the
    /// configuration afterwards). Without: from the keys of
    /// storage.previous_master_key_files to the configured one (a rotation
    /// on a running cluster, docs/operations.md).
    RotateMasterKey {
        /// File holding the new master key (base64 of 32 bytes).
        #[arg(long)]
        new_key_file: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct CreateTenantArgs {
    #[arg(long)]
    pub slug: String,
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub contact_email: String,
    #[arg(long)]
    pub helpdesk_email: String,
}

#[derive(Debug, Args)]
pub struct CreateUserArgs {
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub name: String,
    /// PLATFORM_ADMIN, OPERATOR_ADMIN, HELPDESK or SCHOOL_ADMIN.
    #[arg(long)]
    pub role: String,
    /// The tenant's slug (all roles but PLATFORM_ADMIN).
    #[arg(long)]
    pub tenant: Option<String>,
    /// Read the password from this file; otherwise from
    /// RELAIS_NEW_USER_PASSWORD, otherwise one is generated and printed.
    #[arg(long)]
    pub password_file: Option<PathBuf>,
}

/// The whole `relais` program: what `main` runs (and the tests' copy of
/// the binary, `relais-tests`' `relais-test-server`).
pub fn main() -> std::process::ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("relais : {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("relais : {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

pub async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::PrintSchema => {
            print!("{}", relais_api::sdl());
            return Ok(());
        }
        Command::PrintErrors => {
            print!("{}", relais_api::error_catalog::errors_markdown());
            return Ok(());
        }
        _ => {}
    }
    let settings = Settings::load(cli.config.as_deref())?;
    telemetry::init(&settings.log);
    match cli.command {
        Command::Serve { demo } => serve(settings, demo).await,
        Command::Migrate => migrate(settings).await,
        Command::Admin(command) => admin(settings, command).await,
        Command::PrintSchema | Command::PrintErrors => Ok(()),
    }
}

/// Applies the pending migrations, creates the first administrator on an
/// empty database, and exits: the Kubernetes migration Job, run before the
/// replicas (which keep `database.run_migrations = false`).
async fn migrate(settings: Settings) -> anyhow::Result<()> {
    let store = connect(&settings).await?;
    let before = store.schema_status::<Migrator>().await?;
    if !before.newer.is_empty() {
        anyhow::bail!(
            "la base contient des migrations inconnues de ce binaire ({}) : \
             lancez `relais migrate` avec la version la plus récente",
            before.newer.join(", ")
        );
    }
    store.migrate::<Migrator>().await?;
    println!(
        "Migrations appliquées : {} (la base est à jour).",
        before.pending.len()
    );
    let hasher =
        relais_app::auth::PasswordHasher::new().map_err(|err| anyhow::anyhow!(err.message))?;
    print_bootstrap(&ensure_platform_admin(&store, &hasher, &settings.bootstrap).await?);
    Ok(())
}

fn print_bootstrap(outcome: &BootstrapOutcome) {
    match outcome {
        BootstrapOutcome::CreatedWithGeneratedPassword { email, password } => {
            println!("  Premier administrateur de la plateforme créé :");
            println!("    e-mail : {email}");
            println!("    mot de passe : {password}   (affiché une seule fois : notez-le)");
        }
        BootstrapOutcome::Created { email } => {
            println!("  Premier administrateur de la plateforme créé : {email}");
        }
        BootstrapOutcome::SchemaPending => {
            println!(
                "  Base de données pas encore migrée : Relais répond 503 jusqu'à `relais migrate`, \
                 qui créera aussi le premier administrateur."
            );
        }
        BootstrapOutcome::AlreadyInitialised => {}
    }
}

async fn serve(settings: Settings, demo: bool) -> anyhow::Result<()> {
    let app = Application::build(
        settings,
        BuildOptions {
            demo,
            signals: true,
        },
    )
    .await?;
    let report = app.report();
    println!();
    println!("Relais écoute sur {}", report.public_url);
    println!("  Console web : {}/", report.public_url);
    println!(
        "  API GraphQL : {}/graphql  —  GraphiQL : {}/graphiql",
        report.public_url, report.public_url
    );
    print_bootstrap(&report.bootstrap);
    if demo {
        println!("  Comptes de démonstration (mot de passe « {DEMO_PASSWORD} ») :");
        for (email, _, role) in DEMO_ACCOUNTS {
            println!("    {email}  ({})", role.label());
        }
    }
    println!(
        "  Connexion : dans la console, ou mutation login(email, password) dans GraphiQL, puis en-tête Authorization: Bearer <accessToken>."
    );
    println!();
    app.run_until_stopped().await?;
    Ok(())
}

async fn connect(settings: &Settings) -> anyhow::Result<Store> {
    let url = settings.database_url()?;
    if url.starts_with("sqlite:") {
        std::fs::create_dir_all(&settings.data_dir)?;
    }
    Ok(Store::connect(&url, settings.database.max_connections).await?)
}

async fn admin(settings: Settings, command: AdminCommand) -> anyhow::Result<()> {
    let store = connect(&settings).await?;
    if !crate::startup::prepare_schema(&store, settings.database.run_migrations).await? {
        anyhow::bail!("des migrations sont en attente : lancez d'abord `relais migrate`");
    }
    let caller = Caller::command_line();
    let scoped = store.scoped(&caller);
    match command {
        AdminCommand::ResetPassword { email } => {
            let email = Email::parse("email", &email)?;
            let (token, hash) = relais_app::auth::new_secret_token();
            let minutes = settings.auth.password_reset_minutes.max(1);
            let expires = chrono::Utc::now() + chrono::Duration::minutes(minutes);
            let links = relais_app::MailLinks {
                public_url: settings.public_url(settings.http.port),
            };
            let account = store
                .credentials()
                .request_reset_by_operator(&email, hash, expires, |account| {
                    relais_app::account_mail::reset_message(&links, account, &token, minutes)
                })
                .await?
                .with_context(|| format!("aucun compte avec l'adresse {email}"))?;
            println!(
                "Lien de réinitialisation envoyé à {} (file d'envoi des courriels), valable {minutes} minutes, une seule fois :",
                account.email
            );
            println!("  {}", relais_app::account_mail::reset_link(&links, &token));
            println!("Le mot de passe actuel reste valable tant que le lien n'a pas servi.");
        }
        AdminCommand::CreateTenant(args) => {
            let tenant = scoped
                .tenants()
                .create(NewTenant {
                    slug: TenantSlug::parse("slug", &args.slug)?,
                    name: TenantName::parse("name", &args.name)?,
                    contact_email: Email::parse("contact-email", &args.contact_email)?,
                    helpdesk_email: Email::parse("helpdesk-email", &args.helpdesk_email)?,
                })
                .await?;
            println!("Opérateur « {} » créé (id {}).", tenant.name, tenant.id);
        }
        AdminCommand::RotateMasterKey {
            new_key_file: Some(new_key_file),
        } => {
            let current = crate::file_storage::master_key(&settings)?;
            let new = crate::file_storage::read_master_key_file(&new_key_file)?;
            let report = crate::file_storage::rotate_master_key(&store, &current, &new).await?;
            println!(
                "Clés d'opérateur rechiffrées : {} ; déjà sous la nouvelle clé : {}.",
                report.rewrapped, report.already_current
            );
            println!(
                "Configurez maintenant storage.master_key_file = {} puis redémarrez Relais.",
                new_key_file.display()
            );
        }
        AdminCommand::RotateMasterKey { new_key_file: None } => {
            let previous = crate::file_storage::previous_master_keys(&settings)?;
            if previous.is_empty() {
                anyhow::bail!(
                    "aucune ancienne clé : donnez --new-key-file, ou listez l'ancienne clé dans \
                     storage.previous_master_key_files"
                );
            }
            let current = crate::file_storage::master_key(&settings)?;
            let report =
                crate::file_storage::rewrap_tenant_keys(&store, &previous, &current).await?;
            println!(
                "Clés d'opérateur rechiffrées : {} ; déjà sous la clé configurée : {}.",
                report.rewrapped, report.already_current
            );
            println!(
                "Retirez maintenant storage.previous_master_key_files et redémarrez Relais \
                 (conservez l'ancienne clé avec les sauvegardes qui en dépendent)."
            );
        }
        AdminCommand::CreateUser(args) => {
            let role: Role = args.role.parse()?;
            let tenant_id = match &args.tenant {
                Some(slug) => Some(
                    scoped
                        .tenants()
                        .find_by_slug(&TenantSlug::parse("tenant", slug)?)
                        .await
                        .with_context(|| format!("opérateur « {slug} » introuvable"))?
                        .id,
                ),
                None => None,
            };
            let (password, generated) = match (
                &args.password_file,
                std::env::var("RELAIS_NEW_USER_PASSWORD"),
            ) {
                (Some(path), _) => (
                    std::fs::read_to_string(path)
                        .with_context(|| format!("lecture de {} impossible", path.display()))?
                        .trim_end_matches(['\r', '\n'])
                        .to_owned(),
                    false,
                ),
                (None, Ok(password)) => (password, false),
                (None, Err(_)) => (generate_password(), true),
            };
            let password = Password::new_checked("password", &password)?;
            let password_hash = relais_app::auth::hash_password(password.expose())
                .map_err(|err| anyhow::anyhow!(err.message))?;
            let user = scoped
                .users()
                .create(NewUser {
                    email: Email::parse("email", &args.email)?,
                    display_name: DisplayName::parse("name", &args.name)?,
                    role,
                    tenant_id,
                    password_hash,
                })
                .await?;
            println!(
                "Compte {} créé (id {}, rôle {}).",
                user.email, user.id, user.role
            );
            if generated {
                println!(
                    "Mot de passe : {}   (affiché une seule fois)",
                    password.expose()
                );
            }
        }
    }
    Ok(())
}
