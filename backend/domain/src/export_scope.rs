//! Which PRONOTE base an identifiers export (file B) belongs to, and which of
//! the base's users a complete import of it replaces (docs/domain.md,
//! « Fichier B » and « Cités scolaires »).
//!
//! A cité scolaire is one PRONOTE base: its users, links and runs belong to
//! the base. PRONOTE exports either the whole base (« Tous les
//! établissements », keyed by the group UAI) or one of its establishments
//! (keyed by that establishment's UAI). An export keyed by a UAI the base
//! does not serve is another school's: it is refused before anything is
//! stored or removed.

use std::fmt;

/// The part of a base an export covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportScope {
    /// Every establishment of the base (the group UAI, « Tous les
    /// établissements »).
    WholeBase,
    /// One establishment of a cité scolaire, by its UAI (upper case).
    Member(String),
}

impl ExportScope {
    /// The UAI stored with the users this export lists: the group UAI for
    /// the whole base, the member's otherwise.
    pub fn key<'a>(&'a self, group_uai: &'a str) -> &'a str {
        match self {
            ExportScope::WholeBase => group_uai,
            ExportScope::Member(uai) => uai,
        }
    }
}

/// The base an export is uploaded to: its group UAI and its establishments'
/// UAIs, and the establishment the person chose.
#[derive(Debug, Clone, Copy)]
pub struct UploadTarget<'a> {
    pub group_uai: &'a str,
    /// Every establishment of the base, the group's included.
    pub member_uais: &'a [&'a str],
    /// The establishment the upload was made for (one of the members).
    pub chosen_uai: &'a str,
    pub chosen_name: &'a str,
}

/// An export keyed by a UAI the base does not serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongEstablishment {
    /// The export's UAI, as written (shortened, printable).
    pub export_uai: String,
    /// The establishment chosen, `UAI (name)`.
    pub chosen: String,
    /// For a cité scolaire: its group UAI and members.
    pub cite: Option<(String, Vec<String>)>,
}

impl fmt::Display for WrongEstablishment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Cet export des identifiants PRONOTE est celui de l'établissement {}, pas de {}",
            self.export_uai, self.chosen
        )?;
        if let Some((group, members)) = &self.cite {
            write!(
                f,
                " ni de sa cité scolaire {group} ({})",
                members.join(", ")
            )?;
        }
        write!(
            f,
            " : rien n'a été importé ni supprimé. Vérifiez l'établissement choisi, ou refaites \
             l'export dans la base PRONOTE de {}.",
            self.chosen
        )
    }
}

/// The scope of an export keyed by `export_uai` (the container's `UAI`,
/// optional) uploaded to `target`:
/// - the group UAI: the whole base (a cité's « Tous les établissements »,
///   or a base of one establishment);
/// - another member's UAI: that member;
/// - no UAI: the establishment the person chose (the whole base when it is
///   the group's);
/// - any other UAI: refused.
///
/// UAIs are compared trimmed and without case.
pub fn export_scope(
    export_uai: Option<&str>,
    target: &UploadTarget<'_>,
) -> Result<ExportScope, WrongEstablishment> {
    let normalise = |uai: &str| uai.trim().to_uppercase();
    let group = normalise(target.group_uai);
    let given = match export_uai.map(normalise).filter(|u| !u.is_empty()) {
        Some(uai) => uai,
        None => normalise(target.chosen_uai),
    };
    if given == group {
        return Ok(ExportScope::WholeBase);
    }
    if target.member_uais.iter().any(|m| normalise(m) == given) {
        return Ok(ExportScope::Member(given));
    }
    let shown: String = given.chars().filter(|c| !c.is_control()).take(20).collect();
    Err(WrongEstablishment {
        export_uai: shown,
        chosen: format!("{} ({})", normalise(target.chosen_uai), target.chosen_name),
        cite: (target.member_uais.len() > 1).then(|| {
            (
                group,
                target.member_uais.iter().map(|m| normalise(m)).collect(),
            )
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CITE: [&str; 2] = ["0410017W", "0410018X"];

    fn cite(chosen: &'static str) -> UploadTarget<'static> {
        UploadTarget {
            group_uai: "0410017W",
            member_uais: &CITE,
            chosen_uai: chosen,
            chosen_name: "Collège Augustin Thierry",
        }
    }

    #[test]
    fn the_group_uai_covers_the_whole_base_whichever_member_it_is_uploaded_for() {
        for chosen in CITE {
            assert_eq!(
                export_scope(Some(" 0410017w "), &cite(chosen)),
                Ok(ExportScope::WholeBase)
            );
        }
    }

    #[test]
    fn a_members_uai_covers_that_member() {
        let scope = export_scope(Some("0410018X"), &cite("0410017W")).unwrap();
        assert_eq!(scope, ExportScope::Member("0410018X".into()));
        assert_eq!(scope.key("0410017W"), "0410018X");
        assert_eq!(ExportScope::WholeBase.key("0410017W"), "0410017W");
    }

    #[test]
    fn without_uai_the_chosen_establishment_is_the_scope() {
        assert_eq!(
            export_scope(None, &cite("0410017W")),
            Ok(ExportScope::WholeBase)
        );
        assert_eq!(
            export_scope(Some("  "), &cite("0410018X")),
            Ok(ExportScope::Member("0410018X".into()))
        );
    }

    #[test]
    fn another_schools_export_is_refused_naming_both_uais() {
        let err = export_scope(Some("0690028F"), &cite("0410018X")).unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with(
                "Cet export des identifiants PRONOTE est celui de l'établissement 0690028F, pas \
                 de 0410018X (Collège Augustin Thierry) ni de sa cité scolaire 0410017W \
                 (0410017W, 0410018X) : rien n'a été importé ni supprimé."
            ),
            "{message}"
        );
        let single = UploadTarget {
            group_uai: "0410017W",
            member_uais: &["0410017W"],
            chosen_uai: "0410017W",
            chosen_name: "Lycée",
        };
        let err = export_scope(Some("0410018X\u{7}"), &single).unwrap_err();
        assert_eq!(err.export_uai, "0410018X");
        assert!(
            err.to_string()
                .contains("celui de l'établissement 0410018X, pas de 0410017W (Lycée) :"),
            "{err}"
        );
    }
}
