//! The email's templates (Jinja2 syntax, rendered with minijinja): built in, and overridable
//! by a theme folder's `templates/email.html` and `templates/email.txt`, as the site's are.
//! An override may `{% extends "twir/email.html" %}` and replace only its blocks
//! (`style`, `header`, `footer`).

use crate::error::EmailError;
use minijinja::{Environment, Value};
use std::path::{Path, PathBuf};

/// The built-in HTML template.
pub const HTML_TEMPLATE: &str = include_str!("../templates/email.html");
/// The built-in plain-text template.
pub const TEXT_TEMPLATE: &str = include_str!("../templates/email.txt");

/// Name of the HTML template (and of its override file under `templates/`).
pub const HTML_NAME: &str = "email.html";
/// Name of the text template (and of its override file under `templates/`).
pub const TEXT_NAME: &str = "email.txt";

/// The loaded templates.
#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
    /// Override files in use, by template name, for error messages.
    overrides: Vec<(String, PathBuf)>,
}

impl Templates {
    /// The built-in templates, with the files of `theme/templates/` (when given) over them.
    pub fn load(theme: Option<&Path>) -> Result<Templates, EmailError> {
        let mut env = Environment::new();
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_keep_trailing_newline(true);
        // A misspelt variable in an override should fail loudly, not send a blank.
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.add_filter("underline", underline);
        let mut overrides = Vec::new();
        for (name, builtin) in [(HTML_NAME, HTML_TEMPLATE), (TEXT_NAME, TEXT_TEMPLATE)] {
            add(&mut env, format!("twir/{name}"), builtin.to_string(), None)?;
            let own = match theme {
                Some(dir) => read_override(dir, name)?,
                None => None,
            };
            match own {
                Some((path, text)) => {
                    add(&mut env, name.to_string(), text, Some(&path))?;
                    overrides.push((name.to_string(), path));
                }
                None => add(&mut env, name.to_string(), builtin.to_string(), None)?,
            }
        }
        Ok(Templates { env, overrides })
    }

    /// Renders template `name` with `ctx`.
    pub fn render(&self, name: &str, ctx: &Value) -> Result<String, EmailError> {
        let tmpl = self
            .env
            .get_template(name)
            .map_err(|e| self.error(name, &e))?;
        tmpl.render(ctx).map_err(|e| self.error(name, &e))
    }

    fn error(&self, name: &str, e: &minijinja::Error) -> EmailError {
        let file = self
            .overrides
            .iter()
            .find(|(n, _)| Some(n.as_str()) == e.name() || n == name)
            .map(|(_, p)| p.display().to_string())
            .unwrap_or_else(|| e.name().unwrap_or(name).to_string());
        template_error(file, e)
    }
}

fn add(
    env: &mut Environment<'static>,
    name: String,
    text: String,
    path: Option<&Path>,
) -> Result<(), EmailError> {
    env.add_template_owned(name.clone(), text).map_err(|e| {
        let file = path.map(|p| p.display().to_string()).unwrap_or(name);
        template_error(file, &e)
    })
}

fn template_error(file: String, e: &minijinja::Error) -> EmailError {
    let line = e.line().map(|l| format!("line {l}: ")).unwrap_or_default();
    let mut message = format!("{line}{}", e.kind());
    if let Some(detail) = e.detail() {
        message.push_str(": ");
        message.push_str(detail);
    }
    EmailError::Template {
        name: file,
        message,
    }
}

fn read_override(dir: &Path, name: &str) -> Result<Option<(PathBuf, String)>, EmailError> {
    if !dir.is_dir() {
        return Err(EmailError::ThemeNotFound {
            path: dir.to_path_buf(),
        });
    }
    let path = dir.join("templates").join(name);
    if !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| EmailError::Template {
        name: path.display().to_string(),
        message: format!("cannot read: {e}"),
    })?;
    Ok(Some((path, text)))
}

/// `{{ title | underline("=") }}`: a line of `mark` as wide as the text.
fn underline(text: &str, mark: Option<&str>) -> String {
    mark.unwrap_or("=").repeat(text.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::context;

    fn ctx(title: &str) -> Value {
        context! {
            site => context! { name => "S", url => "https://s.org/", language => "en", subscribe_url => "" },
            issue => context! {
                title => title, number => 1, date => "2024-01-03", date_long => "January 3, 2024",
                web_url => "https://s.org/w/", archive_url => "https://s.org/a/",
            },
            body => "", preheader => "", unsubscribe => "*|UNSUB|*", width => 650,
        }
    }

    #[test]
    fn builtins_render_and_underline() {
        let t = Templates::load(None).unwrap();
        let out = t.render(TEXT_NAME, &ctx("Crabs 1")).unwrap();
        assert!(out.starts_with("Crabs 1\n=======\n"), "{out}");
    }

    #[test]
    fn theme_overrides_and_reports_errors_with_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let tdir = dir.path().join("templates");
        std::fs::create_dir_all(&tdir).unwrap();
        std::fs::write(tdir.join("email.txt"), "{% extends \"twir/email.txt\" %}").unwrap();
        std::fs::write(tdir.join("email.html"), "<p>{{ issue.title }}</p>").unwrap();
        let t = Templates::load(Some(dir.path())).unwrap();
        let ctx = ctx("X");
        assert_eq!(t.render(HTML_NAME, &ctx).unwrap(), "<p>X</p>");
        assert!(t.render(TEXT_NAME, &ctx).unwrap().starts_with("X\n=\n"));

        std::fs::write(tdir.join("email.html"), "line one\n{% if %}").unwrap();
        let e = Templates::load(Some(dir.path())).unwrap_err().to_string();
        assert!(e.contains("email.html: line 2:"), "{e}");

        std::fs::write(tdir.join("email.html"), "{{ issue.titel }}").unwrap();
        let t = Templates::load(Some(dir.path())).unwrap();
        let e = t.render(HTML_NAME, &ctx).unwrap_err().to_string();
        assert!(e.contains("email.html: line 1: undefined value"), "{e}");

        let e = Templates::load(Some(&dir.path().join("missing"))).unwrap_err();
        assert!(matches!(e, EmailError::ThemeNotFound { .. }));
    }
}
