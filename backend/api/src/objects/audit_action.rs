//! The audit log's actions and object types as the journal's filters
//! offer them, with their French labels.

use async_graphql::{Enum, SimpleObject};
use relais_store::AuditAction;

/// One action of the audit log, for the journal's filter.
#[derive(SimpleObject)]
pub(crate) struct AuditActionView {
    /// Stable name, e.g. `USER_CREATED`.
    pub code: String,
    /// In French, e.g. « Compte créé ».
    pub label: String,
}

impl From<AuditAction> for AuditActionView {
    fn from(action: AuditAction) -> Self {
        Self {
            code: action.as_str().to_owned(),
            label: label(action).to_owned(),
        }
    }
}

/// The kind of object an audit entry is about.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub(crate) enum AuditTargetType {
    PronoteBase,
    Establishment,
    Ticket,
    User,
    Tenant,
    ModelSource,
    EntModel,
    StoredFile,
    OutboxMessage,
}

impl AuditTargetType {
    /// As the store writes it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AuditTargetType::PronoteBase => "PRONOTE_BASE",
            AuditTargetType::Establishment => "ESTABLISHMENT",
            AuditTargetType::Ticket => "TICKET",
            AuditTargetType::User => "USER",
            AuditTargetType::Tenant => "TENANT",
            AuditTargetType::ModelSource => "MODEL_SOURCE",
            AuditTargetType::EntModel => "ENT_MODEL",
            AuditTargetType::StoredFile => "STORED_FILE",
            AuditTargetType::OutboxMessage => "OUTBOX_MESSAGE",
        }
    }
}

/// The French label of an action, as the journal shows it.
pub(crate) fn label(action: AuditAction) -> &'static str {
    use AuditAction as A;
    match action {
        A::LoginSucceeded => "Connexion réussie",
        A::LoginFailed => "Connexion refusée",
        A::Logout => "Déconnexion",
        A::RefreshTokenReused => "Jeton de session réutilisé",
        A::TenantCreated => "Opérateur créé",
        A::TenantUpdated => "Opérateur modifié",
        A::UserCreated => "Compte créé",
        A::DemoSeeded => "Données de démonstration créées",
        A::EstablishmentCreated => "Établissement créé",
        A::EstablishmentUpdated => "Établissement modifié",
        A::EstablishmentsImported => "Établissements importés",
        A::EstablishmentGranted => "Établissement confié",
        A::EstablishmentGrantRevoked => "Établissement retiré",
        A::EstablishmentMoved => "Établissement déplacé",
        A::BaseCreated => "Base créée",
        A::BaseUpdated => "Base modifiée",
        A::BasePublicationChanged => "Publication de la base changée",
        A::BaseSchoolYearStarted => "Rentrée de la base",
        A::DelegationSettingsUpdated => "Paramètres de délégation modifiés",
        A::ModelSourceCreated => "Source de modèles créée",
        A::ModelCatalogUpdated => "Catalogue de modèles mis à jour",
        A::ModelApplied => "Modèle appliqué",
        A::ModelUpdateDismissed => "Mise à jour de modèle écartée",
        A::CasSettingsTested => "Authentification testée",
        A::ModelTestAccountsUpdated => "Comptes de test du modèle modifiés",
        A::ModelValidated => "Modèle validé",
        A::AccountMatchingFileGenerated => "Fichier de rapprochement généré",
        A::IdentifiersExportReceived => "Export des identifiants reçu",
        A::StoredFileDownloaded => "Fichier téléchargé",
        A::StoredFileDeleted => "Fichier supprimé",
        A::StoredFileExpired => "Fichier expiré",
        A::ExchangeSettingsUpdated => "Réglages d’échange modifiés",
        A::EntAccountsImported => "Comptes de l’ENT importés",
        A::MasterKeyRotated => "Clé maîtresse renouvelée",
        A::TicketOpened => "Ticket ouvert",
        A::TicketCommented => "Ticket commenté",
        A::TicketStatusChanged => "État du ticket changé",
        A::TicketAttachmentAdded => "Pièce jointe ajoutée",
        A::PronoteUsersImported => "Utilisateurs PRONOTE importés",
        A::MatchingStarted => "Rapprochement commencé",
        A::MatchingStepValidated => "Étape du rapprochement validée",
        A::MatchingCancelled => "Rapprochement annulé",
        A::AccountLinked => "Compte lié",
        A::AccountUnlinked => "Compte délié",
        A::AccountLinksReset => "Liaisons de comptes remises à zéro",
        A::PronoteIdentifiersFileGenerated => "Fichier d’identifiants PRONOTE généré",
        A::UserDisabled => "Compte désactivé",
        A::UserEnabled => "Compte réactivé",
        A::UserDeleted => "Compte supprimé",
        A::PasswordChanged => "Mot de passe changé",
        A::PasswordResetRequested => "Réinitialisation du mot de passe demandée",
        A::PasswordReset => "Mot de passe réinitialisé",
        A::CasRegistryMappingUpdated => "Correspondance du registre CAS modifiée",
        A::CasRegistryExported => "Registre CAS exporté",
        A::CasRegistryDownloaded => "Registre CAS téléchargé",
        A::OutboxMessageRequeued => "Courriel renvoyé",
    }
}
