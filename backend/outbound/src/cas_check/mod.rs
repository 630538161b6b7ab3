//! The live CAS checker (issue 8): talks to a real CAS server the way
//! PRONOTE.net and a person's browser would, and reports each step with its
//! status, duration and a French message.
//!
//! Every request goes through [`GuardedHttpClient::pinned_client`]: the same
//! address checks as feed fetching (SSRF), each redirect target checked
//! again, bodies read within the size limit, each step under the time limit
//! of `[cas_check]`. Credentials given for a check are used for the login
//! POST only: never stored, never logged, never in an error message.

use std::time::Instant;

use chrono::Utc;
use relais_domain::cas_check::{
    CasIdentity, CasProtocol, CheckStep, Expectations, StepKind, StepStatus, check_identity,
};
use relais_formats::cas::{
    LoginForm, ValidationAnswer, find_login_form, parse_cas_answer, parse_saml_answer,
    saml_validation_request,
};
use reqwest::Method;
use url::Url;
use zeroize::Zeroizing;

use crate::guarded_http::{FetchError, FetchPolicy, GuardedHttpClient};

mod conversation;

use conversation::{Body, Conversation};

const USER_AGENT: &str = concat!(
    "Mozilla/5.0 (compatible; Relais/",
    env!("CARGO_PKG_VERSION"),
    "; test de l'authentification CAS)"
);

/// Where to check: the CAS addresses of a base or a model, and the service
/// PRONOTE.net names.
#[derive(Debug, Clone)]
pub struct CasTarget {
    pub login_url: String,
    pub validation_url: String,
    pub service: String,
    pub protocol: CasProtocol,
}

/// A login and password given for one check; the password is wiped when
/// dropped.
pub struct TestCredentials {
    pub login: String,
    pub password: Zeroizing<String>,
}

impl std::fmt::Debug for TestCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestCredentials")
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

/// What a check found.
#[derive(Debug, Clone)]
pub struct CheckRun {
    pub steps: Vec<CheckStep>,
    /// The identifier PRONOTE would store, when a ticket was validated.
    pub identifier: Option<String>,
}

/// Runs checks under one [`FetchPolicy`] (`[cas_check]`).
#[derive(Debug, Clone)]
pub struct CasChecker {
    fetcher: GuardedHttpClient,
    model_service: Option<relais_domain::web_url::WebUrl>,
}

impl CasChecker {
    pub fn new(policy: FetchPolicy) -> Self {
        Self {
            fetcher: GuardedHttpClient::new(policy),
            model_service: None,
        }
    }

    /// The PRONOTE.net service models are validated against by default.
    pub fn with_model_service(mut self, service: relais_domain::web_url::WebUrl) -> Self {
        self.model_service = Some(service);
        self
    }

    pub fn model_service(&self) -> Option<&relais_domain::web_url::WebUrl> {
        self.model_service.as_ref()
    }

    pub fn policy(&self) -> &FetchPolicy {
        self.fetcher.policy()
    }

    /// « Tester l'authentification »: the login page and its form, the
    /// validation endpoint with a made-up ticket (when `probe_validation`),
    /// then, with credentials, a full login, the validation of the ticket
    /// and the identity against `expect`.
    pub async fn check(
        &self,
        target: &CasTarget,
        credentials: Option<&TestCredentials>,
        expect: &Expectations<'_>,
        probe_validation: bool,
    ) -> CheckRun {
        let mut steps = Vec::new();
        let mut conversation = Conversation::new(&self.fetcher);

        let started = Instant::now();
        let page = self.login_page(&mut conversation, target).await;
        let (page_step, page) = match page {
            Ok((url, html)) => {
                let step = if url.scheme() == "http" {
                    CheckStep::new(
                        StepKind::LoginPage,
                        StepStatus::Warning,
                        format!(
                            "La page de connexion répond, mais en http ({}) : il est conseillé de \
                             passer en mode HTTPS avec un vrai certificat.",
                            target.login_url
                        ),
                    )
                } else {
                    CheckStep::new(
                        StepKind::LoginPage,
                        StepStatus::Ok,
                        format!(
                            "La page de connexion répond en https avec un certificat valide ({}).",
                            target.login_url
                        ),
                    )
                };
                (step, Some((url, html)))
            }
            Err(error) => (
                CheckStep::new(
                    StepKind::LoginPage,
                    StepStatus::Failed,
                    format!(
                        "La page de connexion {} ne répond pas : {}",
                        target.login_url,
                        explain(&error)
                    ),
                ),
                None,
            ),
        };
        steps.push(timed(page_step, started));

        let started = Instant::now();
        let form = match &page {
            None => {
                steps.push(CheckStep::skipped(
                    StepKind::LoginForm,
                    "Non vérifié : la page de connexion ne répond pas.",
                ));
                None
            }
            Some((url, html)) => match find_login_form(html) {
                Some(form) => {
                    steps.push(timed(
                        CheckStep::new(
                            StepKind::LoginForm,
                            StepStatus::Ok,
                            format!(
                                "La page de connexion présente un formulaire (champs « {} » et \
                                 « {} ») pour le service {}.",
                                form.username_field, form.password_field, target.service
                            ),
                        ),
                        started,
                    ));
                    Some((url.clone(), form))
                }
                None => {
                    steps.push(timed(
                        CheckStep::new(
                            StepKind::LoginForm,
                            StepStatus::Failed,
                            format!(
                                "La page {url} ne contient pas de formulaire de connexion (aucun \
                                 champ de mot de passe) : vérifiez l'adresse de connexion, ou le \
                                 serveur CAS refuse le service {}.",
                                target.service
                            ),
                        ),
                        started,
                    ));
                    None
                }
            },
        };

        if probe_validation {
            let started = Instant::now();
            let step = self.probe_validation(&mut conversation, target).await;
            steps.push(timed(step, started));
        }

        let mut identifier = None;
        // The steps of a login with a test account, when they cannot run.
        let skip_login_steps = |steps: &mut Vec<CheckStep>, why: &str| {
            for kind in [
                StepKind::Login,
                StepKind::TicketValidation,
                StepKind::Attributes,
            ] {
                steps.push(CheckStep::skipped(kind, why));
            }
        };
        let Some(credentials) = credentials else {
            skip_login_steps(
                &mut steps,
                "Non vérifié : aucun compte de test n'a été fourni pour ce test.",
            );
            return CheckRun { steps, identifier };
        };
        let Some((page_url, form)) = form else {
            skip_login_steps(&mut steps, "Non vérifié : pas de formulaire de connexion.");
            return CheckRun { steps, identifier };
        };

        let started = Instant::now();
        let ticket = self
            .login(&mut conversation, target, &page_url, &form, credentials)
            .await;
        let ticket = match ticket {
            Ok(ticket) => {
                steps.push(timed(
                    CheckStep::new(
                        StepKind::Login,
                        StepStatus::Ok,
                        format!(
                            "Connexion réussie : le serveur CAS renvoie vers le service avec un \
                             ticket ({}…).",
                            ticket.chars().take(6).collect::<String>()
                        ),
                    ),
                    started,
                ));
                ticket
            }
            Err(message) => {
                steps.push(timed(
                    CheckStep::new(StepKind::Login, StepStatus::Failed, message),
                    started,
                ));
                for kind in [StepKind::TicketValidation, StepKind::Attributes] {
                    steps.push(CheckStep::skipped(
                        kind,
                        "Non vérifié : la connexion n'a pas abouti.",
                    ));
                }
                return CheckRun { steps, identifier };
            }
        };

        let started = Instant::now();
        let answer = self.validate(&mut conversation, target, &ticket).await;
        let identity = match answer {
            Ok(ValidationAnswer::Success(identity)) => {
                steps.push(timed(
                    CheckStep::new(
                        StepKind::TicketValidation,
                        StepStatus::Ok,
                        format!(
                            "Ticket validé en {} : utilisateur « {} ».",
                            target.protocol.label(),
                            identity.user
                        ),
                    ),
                    started,
                ));
                identity
            }
            Ok(ValidationAnswer::Failure { code, message }) => {
                steps.push(timed(
                    CheckStep::new(
                        StepKind::TicketValidation,
                        StepStatus::Failed,
                        format!(
                            "Le serveur CAS refuse le ticket qu'il vient d'émettre (code {code}{}) : \
                             vérifiez que l'URL de service {} est autorisée et que l'adresse de \
                             validation est la bonne.",
                            if message.is_empty() {
                                String::new()
                            } else {
                                format!(", « {message} »")
                            },
                            target.service
                        ),
                    ),
                    started,
                ));
                steps.push(CheckStep::skipped(
                    StepKind::Attributes,
                    "Non vérifié : le ticket n'a pas été validé.",
                ));
                return CheckRun { steps, identifier };
            }
            Err(message) => {
                steps.push(timed(
                    CheckStep::new(StepKind::TicketValidation, StepStatus::Failed, message),
                    started,
                ));
                steps.push(CheckStep::skipped(
                    StepKind::Attributes,
                    "Non vérifié : le ticket n'a pas été validé.",
                ));
                return CheckRun { steps, identifier };
            }
        };

        let started = Instant::now();
        let (returned, problems) = check_identity(&identity, expect);
        identifier = returned.clone();
        let step = if problems.is_empty() {
            CheckStep::new(
                StepKind::Attributes,
                StepStatus::Ok,
                format!(
                    "Identifiant renvoyé : « {} » ; attributs reçus : {} — conformes au mode \
                     d'identification « {} ».",
                    returned.unwrap_or_default(),
                    attribute_names(&identity),
                    expect.first_connection.label()
                ),
            )
        } else {
            CheckStep::new(
                StepKind::Attributes,
                StepStatus::Failed,
                problems
                    .iter()
                    .map(|p| p.message.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        };
        steps.push(timed(step, started));
        CheckRun { steps, identifier }
    }

    /// `GET <login>?service=…`, following redirects; the final address and
    /// the page.
    async fn login_page(
        &self,
        conversation: &mut Conversation<'_>,
        target: &CasTarget,
    ) -> Result<(Url, String), FetchError> {
        let mut url = Url::parse(&target.login_url).map_err(FetchError::InvalidUrl)?;
        url.query_pairs_mut()
            .append_pair("service", &target.service);
        let deadline = self.policy().timeout;
        let fetch = async {
            let mut redirects = 0;
            loop {
                let reply = conversation.send(Method::GET, &url, None).await?;
                if let Some(next) = reply.location(&url) {
                    if redirects >= self.policy().max_redirects {
                        return Err(FetchError::TooManyRedirects(self.policy().max_redirects));
                    }
                    redirects += 1;
                    url = next;
                    continue;
                }
                if !reply.status.is_success() {
                    return Err(FetchError::HttpStatus(reply.status.as_u16()));
                }
                return Ok((url, String::from_utf8_lossy(&reply.body).into_owned()));
            }
        };
        within(deadline, fetch).await
    }

    /// Sends a made-up ticket to the validation endpoint: a CAS server must
    /// refuse it (`INVALID_TICKET` in CAS 2/3, a SAML status other than
    /// `Success` in SAML 1.1).
    async fn probe_validation(
        &self,
        conversation: &mut Conversation<'_>,
        target: &CasTarget,
    ) -> CheckStep {
        let ticket = format!("ST-RELAIS-{}", uuid::Uuid::new_v4().simple());
        match self.validate(conversation, target, &ticket).await {
            Ok(ValidationAnswer::Failure { code, .. }) => {
                let http = target.validation_url.starts_with("http:");
                CheckStep::new(
                    StepKind::ValidationEndpoint,
                    if http {
                        StepStatus::Warning
                    } else {
                        StepStatus::Ok
                    },
                    format!(
                        "L'adresse de validation {} répond en {} et refuse un ticket inventé \
                         (code {code}){}",
                        target.validation_url,
                        target.protocol.label(),
                        if http {
                            " ; elle est en http : passez en HTTPS avec un vrai certificat."
                        } else {
                            "."
                        }
                    ),
                )
            }
            Ok(ValidationAnswer::Success(_)) => CheckStep::new(
                StepKind::ValidationEndpoint,
                StepStatus::Failed,
                format!(
                    "L'adresse de validation {} accepte un ticket inventé : ce n'est pas un \
                     serveur CAS fiable.",
                    target.validation_url
                ),
            ),
            Err(message) => {
                CheckStep::new(StepKind::ValidationEndpoint, StepStatus::Failed, message)
            }
        }
    }

    /// Posts the login form; the ticket from the redirect to the service
    /// (read from `Location`, the service itself is never called), or why
    /// there is none.
    async fn login(
        &self,
        conversation: &mut Conversation<'_>,
        target: &CasTarget,
        page_url: &Url,
        form: &LoginForm,
        credentials: &TestCredentials,
    ) -> Result<String, String> {
        let action = match form.action.as_deref().map(str::trim) {
            None | Some("") => page_url.clone(),
            Some(action) => page_url.join(action).map_err(|_| {
                format!("Le formulaire de connexion a une adresse d'envoi illisible ({action}).")
            })?,
        };
        let fields = Zeroizing::new(form.filled(&credentials.login, &credentials.password));
        let service = Url::parse(&target.service).ok();
        let max_redirects = self.policy().max_redirects;
        let run = async {
            let mut reply = if form.method == "get" {
                let mut url = action.clone();
                url.query_pairs_mut().extend_pairs(fields.iter());
                conversation.send(Method::GET, &url, None).await?
            } else {
                let body = Zeroizing::new(
                    url::form_urlencoded::Serializer::new(String::new())
                        .extend_pairs(fields.iter())
                        .finish(),
                );
                let request = Body {
                    content_type: "application/x-www-form-urlencoded",
                    body: body.as_bytes().to_vec(),
                    referer: Some(page_url.as_str().to_owned()),
                };
                conversation
                    .send(Method::POST, &action, Some(request))
                    .await?
            };
            let mut url = action.clone();
            let mut redirects = 0;
            loop {
                let Some(next) = reply.location(&url) else {
                    return Ok(Err(reply));
                };
                if let Some(service) = &service
                    && is_same_service(&next, service)
                {
                    return Ok(Ok(next));
                }
                if redirects >= max_redirects {
                    return Err(FetchError::TooManyRedirects(max_redirects));
                }
                redirects += 1;
                url = next;
                reply = conversation.send(Method::GET, &url, None).await?;
            }
        };
        let outcome = within(self.policy().timeout, run)
            .await
            .map_err(|error| format!("La connexion n'a pas abouti : {}", explain(&error)))?;
        match outcome {
            Ok(service_url) => service_url
                .query_pairs()
                .find(|(key, _)| key == "ticket")
                .map(|(_, value)| value.into_owned())
                .filter(|ticket| !ticket.is_empty())
                .ok_or_else(|| {
                    format!(
                        "Le serveur CAS renvoie vers le service {} sans ticket.",
                        target.service
                    )
                }),
            Err(reply) if !reply.status.is_success() => Err(format!(
                "Le serveur CAS répond HTTP {} à l'envoi du formulaire de connexion.",
                reply.status.as_u16()
            )),
            Err(reply) => {
                let page = String::from_utf8_lossy(&reply.body);
                if find_login_form(&page).is_some() {
                    Err(format!(
                        "Le serveur CAS refuse l'identifiant « {} » ou son mot de passe : la page \
                         de connexion est réaffichée.",
                        credentials.login
                    ))
                } else {
                    Err(format!(
                        "Le serveur CAS a accepté l'identifiant mais ne renvoie pas vers le \
                         service {} : ce service n'est probablement pas autorisé par le serveur \
                         CAS (demandez à l'ENT de l'autoriser).",
                        target.service
                    ))
                }
            }
        }
    }

    /// Validates `ticket` on the target's protocol.
    async fn validate(
        &self,
        conversation: &mut Conversation<'_>,
        target: &CasTarget,
        ticket: &str,
    ) -> Result<ValidationAnswer, String> {
        let mut url = Url::parse(&target.validation_url).map_err(|_| {
            format!(
                "Adresse de validation illisible : {}",
                target.validation_url
            )
        })?;
        let request = match target.protocol {
            CasProtocol::Saml11 => {
                url.query_pairs_mut().append_pair("TARGET", &target.service);
                let envelope = saml_validation_request(
                    ticket,
                    &format!("_{}", uuid::Uuid::new_v4().simple()),
                    &Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                );
                conversation.send(
                    Method::POST,
                    &url,
                    Some(Body {
                        content_type: "text/xml; charset=utf-8",
                        body: envelope.into_bytes(),
                        referer: None,
                    }),
                )
            }
            CasProtocol::Cas2 | CasProtocol::Cas3 => {
                url.query_pairs_mut()
                    .append_pair("service", &target.service)
                    .append_pair("ticket", ticket);
                conversation.send(Method::GET, &url, None)
            }
        };
        let reply = within(self.policy().timeout, request)
            .await
            .map_err(|error| {
                format!(
                    "L'adresse de validation {} ne répond pas : {}",
                    target.validation_url,
                    explain(&error)
                )
            })?;
        let parsed = match target.protocol {
            CasProtocol::Saml11 => parse_saml_answer(&reply.body),
            CasProtocol::Cas2 | CasProtocol::Cas3 => parse_cas_answer(&reply.body),
        };
        parsed.map_err(|error| {
            format!(
                "L'adresse de validation {} (HTTP {}) ne donne pas de réponse {} : {error}. \
                 Vérifiez l'adresse de validation.",
                target.validation_url,
                reply.status.as_u16(),
                target.protocol.label()
            )
        })
    }
}

/// The step with the time elapsed since `started`.
fn timed(mut step: CheckStep, started: Instant) -> CheckStep {
    step.duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    step
}

async fn within<T>(
    deadline: std::time::Duration,
    work: impl Future<Output = Result<T, FetchError>>,
) -> Result<T, FetchError> {
    match tokio::time::timeout(deadline, work).await {
        Ok(result) => result,
        Err(_elapsed) => Err(FetchError::Timeout(deadline)),
    }
}

/// A fetch error in words a tenant may read: refused, unreachable, timed
/// out or bad answer (issue 13, item 6), with the one detail that helps a
/// school and says nothing about the network behind: an invalid TLS
/// certificate (private addresses are refused before any connection). The
/// rest goes to the server's log.
fn explain(error: &FetchError) -> String {
    tracing::info!(error = %error, "CAS check request failed");
    if let FetchError::Network { detail, .. } = error {
        let lower = detail.to_ascii_lowercase();
        if lower.contains("certificate") || lower.contains("certificat") {
            return "le certificat TLS du serveur n'est pas valide : il faut un vrai \
                 certificat, reconnu par les navigateurs."
                .to_owned();
        }
    }
    error.public_message()
}

fn attribute_names(identity: &CasIdentity) -> String {
    if identity.attributes.is_empty() {
        return String::from("aucun");
    }
    identity
        .attributes
        .keys()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `url` leads to `service` (same scheme, host, port, and a path
/// under the service's path): where the CAS server sends the ticket.
fn is_same_service(url: &Url, service: &Url) -> bool {
    url.scheme() == service.scheme()
        && url.host_str() == service.host_str()
        && url.port_or_known_default() == service.port_or_known_default()
        && url.path().starts_with(service.path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_redirects_are_recognised() {
        let service = Url::parse("https://x.index-education.net/pronote/").unwrap();
        for (url, same) in [
            ("https://x.index-education.net/pronote/?ticket=ST-1", true),
            (
                "https://x.index-education.net/pronote/eleve.html?ticket=ST-1",
                true,
            ),
            (
                "https://x.index-education.net:443/pronote/?ticket=ST-1",
                true,
            ),
            ("http://x.index-education.net/pronote/?ticket=ST-1", false),
            ("https://x.index-education.net/autre/?ticket=ST-1", false),
            ("https://cas.ent.fr/cas/login?service=x", false),
        ] {
            assert_eq!(
                is_same_service(&Url::parse(url).unwrap(), &service),
                same,
                "{url}"
            );
        }
    }

    #[test]
    fn credentials_do_not_show_in_debug() {
        let credentials = TestCredentials {
            login: "PronoteEleve".into(),
            password: Zeroizing::new("tres-secret".into()),
        };
        let shown = format!("{credentials:?}");
        assert!(shown.contains("PronoteEleve"));
        assert!(!shown.contains("tres-secret"));
    }
}
