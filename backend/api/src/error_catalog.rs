//! Every `extensions.code` and `extensions.reason` the API answers, with its
//! French meaning: the source of `docs/errors.md` (`relais print-errors`,
//! `make errors`), so that the console can map each one to French.
//!
//! Two tests keep it true: the committed `docs/errors.md` is this catalogue
//! rendered (`tests/api/errors.rs`), and every reason the code can raise is
//! listed here and every reason listed here is raised somewhere (the same
//! test reads the sources).

use crate::ErrorCode;

/// One `extensions.reason`: a finer, stable cause under a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reason {
    pub name: &'static str,
    /// The code it comes with.
    pub code: ErrorCode,
    /// French, for the person who reads it.
    pub meaning: &'static str,
}

const fn reason(name: &'static str, code: ErrorCode, meaning: &'static str) -> Reason {
    Reason {
        name,
        code,
        meaning,
    }
}

use ErrorCode::{
    Forbidden, Internal, InvalidFile, RateLimited, Timeout, Unauthenticated, Validation,
};

/// Every reason, grouped by where it arises.
pub const REASONS: &[Reason] = &[
    // Sessions and accounts.
    reason(
        "SESSION_REVOKED",
        Unauthenticated,
        "La session a été fermée (compte désactivé ou supprimé, mot de passe changé) : se reconnecter.",
    ),
    reason(
        "NO_SESSION",
        Unauthenticated,
        "Aucune session ouverte (cookie de renouvellement absent) : se connecter.",
    ),
    reason(
        "CSRF",
        Forbidden,
        "Jeton anti-falsification absent ou différent : recharger la page.",
    ),
    reason(
        "RESET_LINK_INVALID",
        Validation,
        "Lien de réinitialisation du mot de passe déjà utilisé ou expiré : en demander un nouveau.",
    ),
    reason(
        "PASSWORD_HASHING_BUSY",
        RateLimited,
        "Trop de connexions en cours de vérification : réessayer dans une seconde.",
    ),
    // The HTTP request and the GraphQL document.
    reason(
        "METHOD_NOT_ALLOWED",
        Validation,
        "L'API GraphQL répond aux requêtes POST uniquement.",
    ),
    reason(
        "BODY_TOO_LARGE",
        Validation,
        "Le corps de la requête dépasse la taille maximale.",
    ),
    reason(
        "UNSUPPORTED_MEDIA_TYPE",
        Validation,
        "Type de contenu refusé : JSON, ou multipart/form-data avec des fichiers.",
    ),
    reason(
        "MALFORMED_BODY",
        Validation,
        "Le corps de la requête n'est pas une requête GraphQL lisible.",
    ),
    reason(
        "BATCH_NOT_SUPPORTED",
        Validation,
        "Les requêtes groupées ne sont pas acceptées : une opération par requête.",
    ),
    reason(
        "UPLOAD_NEEDS_LOGIN",
        Unauthenticated,
        "L'envoi de fichiers est réservé aux personnes connectées.",
    ),
    reason(
        "INTROSPECTION_NEEDS_LOGIN",
        Unauthenticated,
        "La description du schéma (introspection) est réservée aux personnes connectées.",
    ),
    reason(
        "DOCUMENT_TOO_LARGE",
        Validation,
        "Le texte de la requête GraphQL est trop long.",
    ),
    reason(
        "TOO_MANY_TOKENS",
        Validation,
        "La requête GraphQL compte trop d'éléments.",
    ),
    reason(
        "TOO_DEEP",
        Validation,
        "La requête GraphQL imbrique trop de niveaux.",
    ),
    reason(
        "TOO_MANY_FRAGMENTS",
        Validation,
        "La requête GraphQL déclare trop de fragments.",
    ),
    reason(
        "TOO_MANY_OPERATIONS",
        Validation,
        "Le document GraphQL contient trop d'opérations.",
    ),
    reason(
        "SYNTAX",
        Validation,
        "Requête GraphQL invalide (erreur de syntaxe).",
    ),
    reason(
        "FRAGMENT_CYCLE",
        Validation,
        "Un fragment GraphQL s'inclut lui-même.",
    ),
    reason(
        "UNUSED_FRAGMENT",
        Validation,
        "Un fragment GraphQL est déclaré mais jamais utilisé.",
    ),
    reason(
        "TOO_MANY_SPREADS",
        Validation,
        "La requête GraphQL utilise trop de fragments.",
    ),
    reason(
        "QUERY_TOO_LARGE",
        Validation,
        "Une fois les fragments développés, la requête GraphQL demande trop de champs.",
    ),
    reason(
        "TOO_MANY_ALIASES",
        Validation,
        "La requête GraphQL utilise trop d'alias.",
    ),
    reason(
        "QUERY_TOO_COMPLEX",
        Validation,
        "La requête GraphQL demande trop en une fois : moins de lignes par page ou moins de synthèses.",
    ),
    reason(
        "QUERY_TOO_DEEP",
        Validation,
        "La requête GraphQL imbrique trop de niveaux de champs.",
    ),
    reason(
        "CONTROL_CHARACTER",
        Validation,
        "Une valeur saisie contient un caractère de contrôle (saut de ligne, tabulation…) non admis.",
    ),
    reason(
        "TIMEOUT",
        Timeout,
        "La requête a été interrompue après sa durée maximale : demander moins de données à la fois.",
    ),
    reason(
        "TOO_MANY_EXPENSIVE_REQUESTS",
        RateLimited,
        "Trop de demandes lourdes (synthèses, exports, imports, rapprochements, tests) en cours : réessayer dans quelques secondes.",
    ),
    // The live WebSocket (`/graphql/live`).
    reason(
        "SUBSCRIPTIONS_ONLY",
        Validation,
        "La connexion en direct n'accepte que des souscriptions ; les requêtes et modifications passent par POST /graphql.",
    ),
    reason(
        "TOO_MANY_SUBSCRIPTIONS_PER_CONNECTION",
        RateLimited,
        "Cette connexion en direct suit déjà autant de flux que permis : en fermer un avant d'en ouvrir un autre.",
    ),
    reason(
        "TOO_MANY_SUBSCRIPTIONS_PER_USER",
        RateLimited,
        "Le compte suit déjà autant de flux en direct que permis (tous onglets confondus) : fermer des onglets de la console.",
    ),
    // Sources of models, CAS registry.
    reason(
        "TESTING_ALLOWANCE_IS_CONFIGURATION",
        Validation,
        "Une source ne se marque plus « pour les essais » : les adresses autorisées se règlent dans la configuration de la plateforme.",
    ),
    reason(
        "CAS_REGISTRY_NO_ENTRY",
        Validation,
        "La base ne donne pas d'entrée au registre des services CAS (paramètres incomplets).",
    ),
    // Files sent by people.
    reason(
        "FILE_TOO_LARGE",
        InvalidFile,
        "Le fichier dépasse la taille maximale acceptée.",
    ),
    reason(
        "CSV_UNREADABLE",
        InvalidFile,
        "Le fichier CSV est illisible.",
    ),
    reason(
        "SCHEMA_INVALID",
        InvalidFile,
        "Le fichier n'est pas un schéma XML (XSD) valable des modèles d'Index-Education.",
    ),
    reason(
        "EXPORT_WRONG_ESTABLISHMENT",
        InvalidFile,
        "L'export des identifiants PRONOTE ne concerne pas cet établissement ou cette base.",
    ),
    // Index-Education keys.
    reason(
        "INVALID_KEY",
        InvalidFile,
        "Clé RSA illisible : la coller au format PEM.",
    ),
    reason(
        "ENCRYPTED_KEY",
        InvalidFile,
        "La clé privée est protégée par un mot de passe : la fournir déchiffrée.",
    ),
    reason("WEAK_KEY", InvalidFile, "Clé RSA trop courte."),
    // File A (account matching), sealed in an ImportChiffre container.
    reason(
        "MATCHING_NO_PARTNER_ID",
        InvalidFile,
        "L'identifiant partenaire fourni par Index-Education n'est pas renseigné.",
    ),
    reason(
        "MATCHING_NO_ESTABLISHMENT",
        InvalidFile,
        "Le fichier de rapprochement ne concerne aucun établissement.",
    ),
    reason(
        "MATCHING_DUPLICATE_ESTABLISHMENT",
        InvalidFile,
        "Un établissement est indiqué deux fois.",
    ),
    reason(
        "MATCHING_DUPLICATE_ACCOUNT",
        InvalidFile,
        "Un compte ENT figure deux fois dans l'annuaire.",
    ),
    reason(
        "MATCHING_PUPIL_BIRTH_DATE",
        InvalidFile,
        "Des élèves n'ont pas de date de naissance : PRONOTE l'exige.",
    ),
    reason(
        "MATCHING_TOO_MANY_ACCOUNTS",
        InvalidFile,
        "Trop de comptes pour un seul fichier de rapprochement.",
    ),
    reason(
        "MATCHING_UNREADABLE",
        InvalidFile,
        "Le fichier de rapprochement est illisible.",
    ),
    reason(
        "CONTAINER_NOT_UTF8",
        InvalidFile,
        "Le contenu à chiffrer n'est pas un XML en UTF-8.",
    ),
    reason(
        "CONTAINER_ENCRYPTION_FAILED",
        InvalidFile,
        "Chiffrement impossible avec la clé publique d'Index-Education.",
    ),
    reason(
        "CONTAINER_NOT_A_CONTAINER",
        InvalidFile,
        "Le fichier n'est pas un conteneur ImportChiffre.",
    ),
    reason(
        "CONTAINER_TRUNCATED",
        InvalidFile,
        "Le conteneur est incomplet (tronqué).",
    ),
    reason(
        "CONTAINER_TOO_LARGE",
        InvalidFile,
        "Le conteneur dépasse la taille maximale.",
    ),
    reason(
        "CONTAINER_WRONG_KEY",
        InvalidFile,
        "Le conteneur n'a pas été chiffré pour cette clé privée.",
    ),
    reason(
        "CONTAINER_KEY_CHECK_FAILED",
        InvalidFile,
        "La clé de chiffrement du conteneur est altérée (contrôle MD5 en échec).",
    ),
    reason(
        "CONTAINER_CORRUPTED",
        InvalidFile,
        "Le contenu chiffré du conteneur est altéré.",
    ),
    reason(
        "CONTAINER_HASH_MISMATCH",
        InvalidFile,
        "Le contenu du conteneur ne correspond pas à son empreinte SHA-256.",
    ),
    // File B (PRONOTE's identifiers export).
    reason(
        "EXPORT_NOT_A_CONTAINER",
        InvalidFile,
        "Le fichier n'est pas un export des identifiants PRONOTE.",
    ),
    reason(
        "EXPORT_TRUNCATED",
        InvalidFile,
        "L'export est incomplet : le télécharger de nouveau.",
    ),
    reason(
        "EXPORT_TOO_LARGE",
        InvalidFile,
        "L'export dépasse la taille maximale (fichier suspect ou trop gros).",
    ),
    reason(
        "EXPORT_NO_KEY_FOR_PARTNER",
        InvalidFile,
        "L'export n'est pas chiffré pour ce partenaire.",
    ),
    reason(
        "EXPORT_WRONG_KEY",
        InvalidFile,
        "L'export ne s'ouvre pas avec la clé privée enregistrée.",
    ),
    reason(
        "EXPORT_KEY_CHECK_FAILED",
        InvalidFile,
        "La clé de chiffrement de l'export est altérée (contrôle MD5 en échec).",
    ),
    reason(
        "EXPORT_CORRUPTED",
        InvalidFile,
        "Le contenu chiffré de l'export est altéré : refaire l'export dans PRONOTE.",
    ),
    reason(
        "EXPORT_HASH_MISMATCH",
        InvalidFile,
        "Le contenu déchiffré de l'export ne correspond pas à son empreinte SHA-256.",
    ),
    reason(
        "EXPORT_PARTNER_COUNT",
        InvalidFile,
        "Nombre de partenaires de l'export non pris en charge.",
    ),
    reason(
        "EXPORT_SEAL_FAILED",
        InvalidFile,
        "Chiffrement impossible pour ce partenaire.",
    ),
    reason(
        "IDENTIFIERS_UNREADABLE",
        InvalidFile,
        "La liste des identifiants PRONOTE est illisible.",
    ),
    reason(
        "IDENTIFIERS_TOO_LARGE",
        InvalidFile,
        "La liste des identifiants PRONOTE dépasse la taille maximale.",
    ),
    reason(
        "IDENTIFIERS_TOO_MANY_USERS",
        InvalidFile,
        "La liste des identifiants PRONOTE compte trop d'utilisateurs.",
    ),
    reason(
        "IDENTIFIERS_NOT_A_LIST",
        InvalidFile,
        "Le contenu de l'export n'est pas une liste d'identifiants PRONOTE.",
    ),
    reason(
        "IDENTIFIERS_VERSION",
        InvalidFile,
        "Version de la liste des identifiants non prise en charge.",
    ),
    reason(
        "IDENTIFIERS_INVALID",
        InvalidFile,
        "Une ligne de la liste des identifiants est invalide.",
    ),
    // Stored files.
    reason(
        "OBJECT_TAMPERED",
        Internal,
        "Le fichier conservé est altéré : Relais refuse de le délivrer. Le générer à nouveau.",
    ),
    reason(
        "OBJECT_TRUNCATED",
        Internal,
        "Le fichier conservé est incomplet : Relais refuse de le délivrer. Le générer à nouveau.",
    ),
];

/// The Markdown of `docs/errors.md`.
pub fn errors_markdown() -> String {
    let mut out = String::from(
        "# Error codes and reasons\n\n\
         <!-- Generated by `relais print-errors` (`make errors`) from\n\
         backend/api/src/error_catalog.rs; do not edit by hand. -->\n\n\
         Every GraphQL error carries `extensions.code`; some also carry\n\
         `extensions.reason`, a finer and stable cause, `field` (the input\n\
         concerned), `retryAfterSeconds` or `count`. The errors of `/auth/…`\n\
         have the same shape; those of `/files/…` and `/cas-registry/…` are\n\
         JSON objects with the same `code` and `reason`. The meaning is what the console tells the person, in\n\
         French; the API's own `message` is French too and more precise.\n\n\
         ## Codes\n\n\
         | code | meaning |\n|---|---|\n",
    );
    for code in ErrorCode::ALL {
        out.push_str(&format!("| `{}` | {} |\n", code.as_str(), code.meaning()));
    }
    out.push_str("\n## Reasons\n\n| reason | code | meaning |\n|---|---|---|\n");
    for reason in REASONS {
        out.push_str(&format!(
            "| `{}` | `{}` | {} |\n",
            reason.name,
            reason.code.as_str(),
            reason.meaning
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_and_reasons_are_listed_once() {
        let codes: HashSet<_> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(codes.len(), ErrorCode::ALL.len());
        let mut names = HashSet::new();
        for reason in REASONS {
            assert!(names.insert(reason.name), "{} listed twice", reason.name);
            assert!(
                reason
                    .name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
                "{}",
                reason.name
            );
            assert!(!reason.meaning.contains('|') && !reason.meaning.contains('\n'));
        }
    }
}
