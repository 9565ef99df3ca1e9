//! `twir email`: the ready-to-send email edition of an issue (`N.html`, `N.txt`, `N.eml`), with
//! a size report against Gmail's clipping limit on stderr; with `--mailchimp`, the issue's
//! Mailchimp campaign created or updated from it, tested, scheduled or sent.

use crate::context::open_site;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use twir_content::Site;
use twir_email::{Edition, IssueChoice, Options};
use twir_mailchimp::{ApiKey, Delivery, Mailchimp, Plan, Sender, State};

/// Arguments of `twir email`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The issue: its number, its file, or nothing for the newest published issue.
    #[arg(value_name = "ISSUE")]
    issue: Option<String>,
    /// Folder to write N.html, N.txt and N.eml to [default: ROOT/email].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Theme folder whose templates/email.html and templates/email.txt replace the built-in
    /// ones [default: paths.theme in twir.toml].
    #[arg(long, value_name = "DIR")]
    theme: Option<PathBuf>,
    /// `To:` header of the .eml [default: email.to in twir.toml, "undisclosed-recipients:;"].
    #[arg(long, value_name = "ADDRESSES")]
    to: Option<String>,
    /// Create (or update) the issue's Mailchimp campaign from this edition, with the API key
    /// in MAILCHIMP_API_KEY and the settings of [email.mailchimp] in twir.toml. Nothing is
    /// sent without --schedule or --send: the campaign stays a draft.
    #[arg(long)]
    mailchimp: bool,
    /// With --mailchimp: send a test of the campaign to ADDRESS (repeat, or separate with
    /// commas).
    #[arg(
        long = "test",
        value_name = "ADDRESS",
        requires = "mailchimp",
        value_delimiter = ','
    )]
    test: Vec<String>,
    /// With --mailchimp: schedule the campaign at TIME, on a quarter hour: 2026-08-26T15:00:00Z,
    /// or "2026-08-26 11:00" in the site's time zone.
    #[arg(
        long,
        value_name = "TIME",
        requires = "mailchimp",
        conflicts_with = "send"
    )]
    schedule: Option<String>,
    /// With --mailchimp: send the campaign to the whole audience now.
    #[arg(long, requires = "mailchimp")]
    send: bool,
    /// Mailchimp API root [default: email.mailchimp.api_url, else that of the key's data
    /// centre].
    #[arg(long, value_name = "URL", env = "TWIR_MAILCHIMP_API_URL")]
    mailchimp_api_url: Option<String>,
}

/// Runs `twir email`.
pub fn run(root: &Path, args: Args) -> Result<ExitCode> {
    let site = open_site(root)?;
    // Everything Mailchimp needs is checked before anything is built or written.
    let mailchimp = if args.mailchimp {
        Some(MailchimpRun::prepare(&site, &args)?)
    } else {
        None
    };
    let choice = IssueChoice::from_arg(args.issue.as_deref());
    let doc = twir_email::choose_issue(&site, &choice)?;
    let options = Options {
        theme: args.theme,
        to: args.to,
        now: jiff::Timestamp::now(),
    };
    let edition = twir_email::build(&site, &doc, &options)
        .with_context(|| format!("{}: cannot make the email edition", doc.name()))?;
    let out = args.out.unwrap_or_else(|| root.join("email"));
    let written = twir_email::write_edition(&edition, &out)?;

    // A custom template can undo what the built-in one guarantees; say so before it is sent.
    for selector in twir_email::uninlined_rules(&edition.html) {
        eprintln!(
            "warning: CSS rule `{selector}` was left in <style>; clients that drop <style> lose it"
        );
    }
    eprintln!(
        "{} (issue {}, \"{}\")",
        edition.size, edition.issue.number, edition.subject
    );
    if edition.eml.is_none() {
        eprintln!(
            "note: no {}.eml: set email.from in twir.toml (or [email.mailchimp] from_name and \
             reply_to) to get a ready-to-send message file",
            edition.issue.number
        );
    }
    for path in written {
        println!("{}", path.display());
    }
    if let Some(run) = mailchimp {
        run.publish(&site, &edition)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A checked `--mailchimp` request.
struct MailchimpRun {
    client: Mailchimp,
    list_id: String,
    tests: Vec<String>,
    delivery: Delivery,
}

impl MailchimpRun {
    fn prepare(site: &Site, args: &Args) -> Result<MailchimpRun> {
        let cfg = &site.config.email.mailchimp;
        let key = ApiKey::from_env()?;
        let list_id = cfg
            .list_id
            .clone()
            .filter(|l| !l.trim().is_empty())
            .or_else(|| twir_mailchimp::list_id_from_signup_url(&site.config.site.subscribe_url))
            .context(
                "email.mailchimp.list_id: not set in twir.toml, and site.subscribe_url is no \
                 Mailchimp sign-up form to take the audience from",
            )?;
        let tests: Vec<String> = args
            .test
            .iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        for t in &tests {
            if !t.contains('@') || t.contains(char::is_whitespace) {
                anyhow::bail!("--test {t:?}: not an email address");
            }
        }
        let delivery = match (&args.schedule, args.send) {
            (Some(when), _) => {
                let tz = jiff::tz::TimeZone::get(&site.config.site.timezone)
                    .unwrap_or(jiff::tz::TimeZone::UTC);
                let t = twir_mailchimp::parse_schedule_time(when, &tz)?;
                twir_mailchimp::publish::check_schedule_time(t, jiff::Timestamp::now())?;
                Delivery::Schedule(t)
            }
            (None, true) => Delivery::Now,
            (None, false) => Delivery::Draft,
        };
        let base = args
            .mailchimp_api_url
            .as_deref()
            .or(cfg.api_url.as_deref())
            .filter(|u| !u.trim().is_empty());
        let client = Mailchimp::connect(key, base)?;
        Ok(MailchimpRun {
            client,
            list_id,
            tests,
            delivery,
        })
    }

    fn publish(self, site: &Site, edition: &Edition) -> Result<()> {
        let cfg = &site.config.email.mailchimp;
        let fill = |template: &str| {
            template
                .replace("{number}", &edition.issue.number.to_string())
                .replace("{title}", &edition.issue.title)
        };
        let title = fill(&cfg.title);
        let subject = cfg
            .subject
            .as_deref()
            .map(fill)
            .unwrap_or_else(|| edition.subject.clone());
        let preview_text = cfg
            .preview_text
            .as_deref()
            .map(fill)
            .unwrap_or_else(|| edition.preheader.clone());
        let plan = Plan {
            list_id: &self.list_id,
            title: &title,
            subject: &subject,
            preview_text: &preview_text,
            sender: Sender {
                from_name: cfg.from_name.clone(),
                reply_to: cfg.reply_to.clone(),
            },
            html: &edition.html,
            text: &edition.text,
            tests: &self.tests,
            delivery: self.delivery,
        };
        let rt = crate::generate::runtime()?;
        let mut log = |line: &str| println!("mailchimp: {line}");
        let outcome = rt.block_on(twir_mailchimp::publish(&self.client, &plan, &mut log))?;
        let state = match &outcome.state {
            State::Draft => "a draft".to_string(),
            State::Scheduled(t) => format!("scheduled for {t}"),
            State::Sent => "sent".to_string(),
        };
        match &outcome.admin_url {
            Some(url) => println!("mailchimp: campaign {} is {state}: {url}", outcome.id),
            None => println!("mailchimp: campaign {} is {state}", outcome.id),
        }
        Ok(())
    }
}
