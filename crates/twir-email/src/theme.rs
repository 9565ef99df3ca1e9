//! Which templates make the edition: the repository's own email theme when it has one (a
//! Pelican theme, rendered as Pelican would), else twir's templates (built in, or overridden
//! by a theme folder's `templates/email.html` and `email.txt`).

use crate::error::EmailError;
use std::path::{Path, PathBuf};
use twir_content::Site;

/// The environment variable TWiR's `pelicanconf.py` reads to pick its email theme.
pub const EMAIL_THEME_ENV: &str = "USE_EMAIL_THEME";

/// The settings file of a Pelican repository.
pub const PELICAN_SETTINGS: &str = "pelicanconf.py";

/// The templates an edition is made with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailTheme {
    /// twir's templates, with the overrides of this folder's `templates/` (if any).
    Twir(Option<PathBuf>),
    /// A Pelican theme folder (its `templates/article.html`), with the repository's
    /// `pelicanconf.py` if there is one.
    Pelican {
        /// The theme folder.
        dir: PathBuf,
        /// `pelicanconf.py`, read with `USE_EMAIL_THEME=1`.
        settings: Option<PathBuf>,
    },
}

/// Chooses the theme: `given` (`--theme`), else `email.theme` in `twir.toml`, else the
/// `THEME` that `pelicanconf.py` selects with `USE_EMAIL_THEME=1` (when it differs from the
/// website's), else `paths.theme`'s email templates, else twir's own.
pub fn choose(site: &Site, given: Option<&Path>) -> Result<EmailTheme, EmailError> {
    let settings = pelican_settings(&site.root);
    if let Some(dir) = given {
        return classify(dir, settings);
    }
    if let Some(t) = site
        .config
        .email
        .theme
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        return classify(&site.root.join(t), settings);
    }
    if let Some(file) = &settings
        && let Some(dir) = pelican_email_theme(file)?
    {
        let dir = site.root.join(dir);
        if !dir.join("templates").is_dir() {
            return Err(EmailError::ThemeNotFound { path: dir });
        }
        return Ok(EmailTheme::Pelican {
            dir,
            settings: Some(file.clone()),
        });
    }
    let site_theme = site
        .config
        .paths
        .theme
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| site.root.join(t));
    Ok(EmailTheme::Twir(site_theme))
}

/// `ROOT/pelicanconf.py` when it exists.
pub fn pelican_settings(root: &Path) -> Option<PathBuf> {
    let p = root.join(PELICAN_SETTINGS);
    p.is_file().then_some(p)
}

/// A folder given as a theme: twir's email templates, or a Pelican theme.
fn classify(dir: &Path, settings: Option<PathBuf>) -> Result<EmailTheme, EmailError> {
    if !dir.is_dir() {
        return Err(EmailError::ThemeNotFound {
            path: dir.to_path_buf(),
        });
    }
    let templates = dir.join("templates");
    if templates.join("email.html").is_file() || templates.join("email.txt").is_file() {
        return Ok(EmailTheme::Twir(Some(dir.to_path_buf())));
    }
    if templates.join("article.html").is_file() {
        return Ok(EmailTheme::Pelican {
            dir: dir.to_path_buf(),
            settings,
        });
    }
    Err(EmailError::Template {
        name: templates.display().to_string(),
        message: "no email.html (twir's email template) or article.html (a Pelican theme)".into(),
    })
}

/// The `THEME` of `pelicanconf.py` read with `USE_EMAIL_THEME=1`, when it differs from the
/// website's (read without it).
fn pelican_email_theme(file: &Path) -> Result<Option<String>, EmailError> {
    let env = |email: bool| {
        move |name: &str| {
            if name == EMAIL_THEME_ENV {
                email.then(|| "1".to_string())
            } else {
                std::env::var(name).ok()
            }
        }
    };
    let email = twir_pelican::PelicanSettings::load(file, &env(true))
        .map_err(|e| EmailError::Pelican(e.to_string()))?;
    let web = twir_pelican::PelicanSettings::load(file, &env(false))
        .map_err(|e| EmailError::Pelican(e.to_string()))?;
    let theme = |s: &twir_pelican::PelicanSettings| {
        s.str("THEME")
            .map(|t| t.map(str::to_string))
            .map_err(|e| EmailError::Pelican(e.to_string()))
    };
    let (email, web) = (theme(&email)?, theme(&web)?);
    Ok(email.filter(|t| Some(t) != web.as_ref() && !t.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(root: &Path) -> Site {
        Site {
            root: root.to_path_buf(),
            config: Default::default(),
        }
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn pelicanconf_email_theme_wins_over_the_builtin() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert_eq!(choose(&site(root), None).unwrap(), EmailTheme::Twir(None));
        write(
            &root.join("pelicanconf.py"),
            "import os\nUSE_EMAIL_THEME = True if os.environ.get('USE_EMAIL_THEME') == '1' else False\n\
             if USE_EMAIL_THEME:\n    THEME = 'themes/mail'\nelse:\n    THEME = 'themes/web'\n",
        );
        // THEME names a folder that is not there.
        assert!(matches!(
            choose(&site(root), None),
            Err(EmailError::ThemeNotFound { .. })
        ));
        write(&root.join("themes/mail/templates/article.html"), "x");
        assert_eq!(
            choose(&site(root), None).unwrap(),
            EmailTheme::Pelican {
                dir: root.join("themes/mail"),
                settings: Some(root.join("pelicanconf.py"))
            }
        );
    }

    #[test]
    fn one_theme_for_both_is_not_an_email_theme() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("pelicanconf.py"), "THEME = 'themes/web'\n");
        write(&root.join("themes/web/templates/article.html"), "x");
        assert_eq!(choose(&site(root), None).unwrap(), EmailTheme::Twir(None));
    }

    #[test]
    fn given_and_configured_folders_are_classified() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("a/templates/email.html"), "x");
        write(&root.join("b/templates/article.html"), "x");
        write(&root.join("c/templates/index.html"), "x");
        let s = site(root);
        assert_eq!(
            choose(&s, Some(&root.join("a"))).unwrap(),
            EmailTheme::Twir(Some(root.join("a")))
        );
        assert!(matches!(
            choose(&s, Some(&root.join("b"))).unwrap(),
            EmailTheme::Pelican { settings: None, .. }
        ));
        let e = choose(&s, Some(&root.join("c"))).unwrap_err().to_string();
        assert!(e.contains("no email.html"), "{e}");
        let mut s = site(root);
        s.config.email.theme = Some("b".into());
        assert!(matches!(
            choose(&s, None).unwrap(),
            EmailTheme::Pelican { .. }
        ));
    }
}
