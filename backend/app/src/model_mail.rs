//! The e-mails of pending model updates (issue 18): when a new version of a
//! model list leaves bases with a pending update, a digest to each operator
//! administrator of the tenants concerned and a message to each school
//! administrator of the bases concerned. Nothing is applied: the messages
//! say so and point to where a person reviews the differences.
//!
//! Rendered by the general notification's askama templates
//! (`templates/mail/notification.{txt,html}`); written into the outbox by
//! the store in the transaction of the pending updates
//! ([`relais_store::PendingUpdateMails`]), hence sent once across the
//! replicas and never lost.

use relais_store::outbox::{NewOutboxMessage, new_message_id};
use relais_store::{OperatorDigest, PendingModel, PendingUpdateNotice, SchoolAdminNotice};

use crate::mail::{MailLinks, MailTemplate, Notification};

/// The outbox kind of an operator's digest.
pub const DIGEST_KIND: &str = "MODEL_UPDATE_DIGEST";
/// The outbox kind of a school administrator's message.
pub const SCHOOL_KIND: &str = "MODEL_UPDATE_PENDING";

const NOT_APPLIED: &str = "Aucun paramétrage n'a été modifié : chaque mise à jour s'applique \
     depuis la fiche de la base, après examen des différences, ou peut être écartée.";

fn what_changed(model: &PendingModel) -> String {
    match model.to_revision {
        Some(revision) => format!("« {} » (nouvelle révision {revision})", model.name),
        None => format!("« {} » (retiré de la liste)", model.name),
    }
}

fn plural(count: u64, one: &str, many: &str) -> String {
    if count > 1 {
        format!("{count} {many}")
    } else {
        format!("{count} {one}")
    }
}

/// An operator administrator's digest.
pub fn digest(links: &MailLinks, source: &str, digest: &OperatorDigest) -> Notification {
    let total: u64 = digest.models.iter().map(|(_, bases)| bases).sum();
    let lines: Vec<String> = digest
        .models
        .iter()
        .map(|(model, bases)| {
            format!(
                "• {} : {}",
                what_changed(model),
                plural(*bases, "base concernée", "bases concernées")
            )
        })
        .collect();
    Notification::new(format!(
        "ENT_Pronote — mises à jour de modèles en attente ({source})"
    ))
    .greeting(format!("Bonjour {},", digest.recipient.display_name))
    .paragraph(format!(
        "La liste de modèles « {source} » a changé : {} de votre opérateur {} une mise à jour en attente.",
        plural(total, "base", "bases"),
        if total > 1 { "ont" } else { "a" }
    ))
    .paragraph(lines.join("\n"))
    .paragraph(NOT_APPLIED)
    .action("Ouvrir le tableau de bord", links.link("/tableau-de-bord"))
    .reason("Vous recevez ce message en tant qu'administrateur de l'opérateur ENT.")
}

/// A school administrator's message about the bases of their
/// establishments.
pub fn school_notice(links: &MailLinks, source: &str, notice: &SchoolAdminNotice) -> Notification {
    let lines: Vec<String> = notice
        .bases
        .iter()
        .map(|base| {
            let name = base
                .establishment
                .as_deref()
                .map(|name| format!(" — {name}"))
                .unwrap_or_default();
            format!(
                "• Base {}{name} : modèle {}",
                base.group_uai,
                what_changed(&base.model)
            )
        })
        .collect();
    let (subject, link) = match notice.bases.as_slice() {
        [base] => (
            format!(
                "ENT_Pronote — {} — mise à jour du modèle en attente",
                base.group_uai
            ),
            links.link(&format!("/bases/{}", base.base_id)),
        ),
        _ => (
            "ENT_Pronote — mises à jour de modèles en attente".to_owned(),
            links.link("/tableau-de-bord"),
        ),
    };
    Notification::new(subject)
        .greeting(format!("Bonjour {},", notice.recipient.display_name))
        .paragraph(format!(
            "Le modèle de configuration ENT appliqué à {} a changé dans la liste « {source} » :",
            if notice.bases.len() > 1 {
                "des bases de vos établissements"
            } else {
                "une base de votre établissement"
            }
        ))
        .paragraph(lines.join("\n"))
        .paragraph(NOT_APPLIED)
        .action("Examiner la mise à jour", link)
        .reason("Vous recevez ce message en tant qu'administrateur d'établissement.")
}

/// The outbox rows of a notice: one per operator administrator, one per
/// school administrator.
pub fn messages(links: &MailLinks, notice: &PendingUpdateNotice) -> Vec<NewOutboxMessage> {
    let domain = links.domain();
    let fallback = links.link("/tableau-de-bord");
    let operators = notice.operators.iter().map(|d| {
        digest(links, &notice.source_name, d)
            .render_or_notice(&fallback)
            .into_outbox(
                DIGEST_KIND,
                Some(d.recipient.tenant_id),
                vec![d.recipient.email.clone()],
                new_message_id(&domain),
            )
    });
    let schools = notice.school_admins.iter().map(|n| {
        school_notice(links, &notice.source_name, n)
            .render_or_notice(&fallback)
            .into_outbox(
                SCHOOL_KIND,
                Some(n.recipient.tenant_id),
                vec![n.recipient.email.clone()],
                new_message_id(&domain),
            )
    });
    operators.chain(schools).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use relais_store::{PendingBase, Recipient};
    use uuid::Uuid;

    fn links() -> MailLinks {
        MailLinks {
            public_url: "https://relais.exemple.fr".into(),
        }
    }

    fn recipient(email: &str) -> Recipient {
        Recipient {
            user_id: Uuid::now_v7(),
            tenant_id: Uuid::now_v7(),
            email: email.into(),
            display_name: "Camille <Martin>".into(),
        }
    }

    fn model(name: &str, to: Option<i32>) -> PendingModel {
        PendingModel {
            id: Uuid::now_v7(),
            name: name.into(),
            to_revision: to,
        }
    }

    #[test]
    fn the_digest_lists_each_model_and_says_nothing_was_applied() {
        let notice = PendingUpdateNotice {
            source_name: "Modèles de l'opérateur".into(),
            operators: vec![OperatorDigest {
                recipient: recipient("operateur@alpha.test"),
                models: vec![
                    (model("NetO'Centre", Some(2)), 3),
                    (model("Mon bureau numérique", None), 1),
                ],
            }],
            school_admins: Vec::new(),
        };
        let messages = messages(&links(), &notice);
        assert_eq!(messages.len(), 1);
        let mail = &messages[0];
        assert_eq!(mail.kind, DIGEST_KIND);
        assert_eq!(mail.to, vec!["operateur@alpha.test".to_owned()]);
        assert_eq!(
            mail.subject,
            "ENT_Pronote — mises à jour de modèles en attente (Modèles de l'opérateur)"
        );
        assert!(mail.text_body.starts_with("Bonjour Camille <Martin>,"));
        assert!(
            mail.text_body
                .contains("4 bases de votre opérateur ont une mise à jour en attente")
        );
        assert!(
            mail.text_body
                .contains("• « NetO'Centre » (nouvelle révision 2) : 3 bases concernées")
        );
        assert!(
            mail.text_body
                .contains("• « Mon bureau numérique » (retiré de la liste) : 1 base concernée")
        );
        assert!(mail.text_body.contains("Aucun paramétrage n'a été modifié"));
        let html = mail.html_body.as_deref().unwrap();
        assert!(!html.contains("<Martin>"), "{html}");
    }

    #[test]
    fn a_school_administrator_with_one_base_gets_its_link() {
        let base = Uuid::now_v7();
        let notice = SchoolAdminNotice {
            recipient: recipient("direction@0410017w.test"),
            bases: vec![PendingBase {
                base_id: base,
                group_uai: "0410017W".into(),
                establishment: Some("Lycée Augustin Thierry".into()),
                model: model("NetO'Centre", Some(2)),
            }],
        };
        let rendered = school_notice(&links(), "Flux", &notice).render().unwrap();
        assert_eq!(
            rendered.subject,
            "ENT_Pronote — 0410017W — mise à jour du modèle en attente"
        );
        assert!(rendered.text.contains("• Base 0410017W — Lycée Augustin Thierry : modèle « NetO'Centre » (nouvelle révision 2)"));
        assert!(
            rendered
                .text
                .contains(&format!("https://relais.exemple.fr/bases/{base}"))
        );
    }
}
