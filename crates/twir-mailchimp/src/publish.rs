//! One issue's campaign from start to finish: found again or created, filled, tested, and
//! sent only when asked.

use crate::client::{Mailchimp, Result};
use crate::error::MailchimpError;
use crate::models::{Campaign, CampaignRequest, Content, Recipients, Settings};

/// What to do with the campaign once it is up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Leave it as a draft (a campaign that was scheduled is scheduled again at its time).
    Draft,
    /// Schedule it (UTC, on a quarter hour).
    Schedule(jiff::Timestamp),
    /// Send it to the audience now.
    Now,
}

/// The sender, when `twir.toml` names it; missing parts come from the audience's defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sender {
    /// Sender name.
    pub from_name: Option<String>,
    /// Sender (and reply-to) address.
    pub reply_to: Option<String>,
}

/// Everything [`publish`] needs.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    /// The audience.
    pub list_id: &'a str,
    /// The campaign's name, unique per issue: how a rerun finds it.
    pub title: &'a str,
    /// Subject line.
    pub subject: &'a str,
    /// Inbox preview text.
    pub preview_text: &'a str,
    /// The sender.
    pub sender: Sender,
    /// The HTML part.
    pub html: &'a str,
    /// The text part.
    pub text: &'a str,
    /// Addresses that get a test message.
    pub tests: &'a [String],
    /// What happens after.
    pub delivery: Delivery,
}

/// What [`publish`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The campaign's id.
    pub id: String,
    /// Where to review it in Mailchimp.
    pub admin_url: Option<String>,
    /// Whether it was created by this run (else updated).
    pub created: bool,
    /// Where it stands now.
    pub state: State,
}

/// Where a campaign stands after [`publish`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// A draft: nothing was sent.
    Draft,
    /// Scheduled at this time (RFC 3339, UTC).
    Scheduled(String),
    /// Sent to the audience.
    Sent,
}

/// Brings the campaign up to date and delivers it as asked. `log` hears of every step
/// as it is done, so a failure half-way leaves a clear account of what was changed.
pub async fn publish(
    mc: &Mailchimp,
    plan: &Plan<'_>,
    log: &mut dyn FnMut(&str),
) -> Result<Outcome> {
    if let Delivery::Schedule(t) = plan.delivery {
        check_schedule_time(t, jiff::Timestamp::now())?;
    }
    let existing = mc.find_campaign(plan.list_id, plan.title).await?;
    if let Some(c) = &existing
        && matches!(c.status.as_str(), "sent" | "sending")
    {
        return Err(MailchimpError::AlreadySent {
            title: plan.title.to_string(),
            id: c.id.clone(),
            status: c.status.clone(),
            send_time: c.send_time.clone().filter(|t| !t.is_empty()),
        });
    }
    let (from_name, reply_to) = sender(mc, plan).await?;
    let request = CampaignRequest {
        kind: None,
        recipients: Recipients {
            list_id: plan.list_id,
        },
        settings: Settings {
            subject_line: plan.subject,
            preview_text: plan.preview_text,
            title: plan.title,
            from_name: &from_name,
            reply_to: &reply_to,
        },
    };
    let mut was_scheduled = None;
    let (campaign, created) = match existing {
        Some(c) => {
            if c.status == "schedule" {
                // Mailchimp refuses to edit a scheduled campaign.
                mc.unschedule(&c.id).await?;
                log(&format!(
                    "unscheduled campaign \"{}\" (was due {}) to update it",
                    plan.title,
                    c.send_time
                        .as_deref()
                        .unwrap_or("at a time Mailchimp did not say")
                ));
                was_scheduled = c.send_time.clone().filter(|t| !t.is_empty());
            }
            let updated = mc.update_campaign(&c.id, &request).await?;
            log(&format!(
                "updated campaign \"{}\" (id {})",
                plan.title, updated.id
            ));
            (updated, false)
        }
        None => {
            let create = CampaignRequest {
                kind: Some("regular"),
                ..request.clone()
            };
            let made = mc.create_campaign(&create).await?;
            log(&format!(
                "created campaign \"{}\" (id {})",
                plan.title, made.id
            ));
            (made, true)
        }
    };
    mc.set_content(
        &campaign.id,
        &Content {
            html: plan.html,
            plain_text: plan.text,
        },
    )
    .await?;
    log(&format!(
        "set its content: HTML {} bytes, text {} bytes",
        plan.html.len(),
        plan.text.len()
    ));
    if !plan.tests.is_empty() {
        mc.send_test(&campaign.id, plan.tests).await?;
        log(&format!("sent a test to {}", plan.tests.join(", ")));
    }
    let state = deliver(mc, plan, &campaign, was_scheduled, log).await?;
    Ok(Outcome {
        id: campaign.id.clone(),
        admin_url: mc.admin_url(&campaign),
        created,
        state,
    })
}

async fn deliver(
    mc: &Mailchimp,
    plan: &Plan<'_>,
    campaign: &Campaign,
    was_scheduled: Option<String>,
    log: &mut dyn FnMut(&str),
) -> Result<State> {
    let at = match plan.delivery {
        Delivery::Schedule(t) => Some(t),
        Delivery::Now => None,
        Delivery::Draft => {
            let Some(old) = was_scheduled else {
                log("left it as a draft: nothing was sent (use --schedule TIME or --send)");
                return Ok(State::Draft);
            };
            match old.parse::<jiff::Timestamp>() {
                Ok(t) if t > jiff::Timestamp::now() => Some(t),
                _ => {
                    log(&format!(
                        "left it as a draft: its old time {old} has passed (use --schedule \
                         TIME or --send)"
                    ));
                    return Ok(State::Draft);
                }
            }
        }
    };
    ready(mc, plan, campaign).await?;
    match at {
        Some(t) => {
            mc.schedule(&campaign.id, t).await?;
            let when = t.to_string();
            log(&format!("scheduled it for {when}"));
            Ok(State::Scheduled(when))
        }
        None => {
            mc.send_now(&campaign.id).await?;
            log("sent it to the audience");
            Ok(State::Sent)
        }
    }
}

/// Refuses to schedule or send what Mailchimp's checklist says is not ready, with its reasons.
async fn ready(mc: &Mailchimp, plan: &Plan<'_>, campaign: &Campaign) -> Result<()> {
    let checklist = mc.checklist(&campaign.id).await?;
    if checklist.is_ready {
        return Ok(());
    }
    let problems = checklist
        .items
        .iter()
        .filter(|i| i.kind == "error")
        .map(|i| mc.key().redact(&format!("{}: {}", i.heading, i.details)))
        .collect();
    Err(MailchimpError::NotReady {
        title: plan.title.to_string(),
        problems,
    })
}

/// The sender name and address: `twir.toml`'s, else the audience's defaults.
async fn sender(mc: &Mailchimp, plan: &Plan<'_>) -> Result<(String, String)> {
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let (name, addr) = (given(&plan.sender.from_name), given(&plan.sender.reply_to));
    if let (Some(n), Some(a)) = (&name, &addr) {
        return Ok((n.clone(), a.clone()));
    }
    let list = mc.list(plan.list_id).await?;
    let defaults = list.campaign_defaults;
    let name = name.or_else(|| Some(defaults.from_name).filter(|s| !s.trim().is_empty()));
    let addr = addr.or_else(|| Some(defaults.from_email).filter(|s| !s.trim().is_empty()));
    match (name, addr) {
        (Some(n), Some(a)) => Ok((n, a)),
        (n, _) => Err(MailchimpError::Config {
            setting: if n.is_none() {
                "email.mailchimp.from_name".into()
            } else {
                "email.mailchimp.reply_to".into()
            },
            reason: format!(
                "not set, and audience {} has no default sender: set it in twir.toml",
                plan.list_id
            ),
        }),
    }
}

/// The audience id of a Mailchimp sign-up form address
/// (`https://NAME.usN.list-manage.com/subscribe?u=ACCOUNT&id=LIST` gives `LIST`).
pub fn list_id_from_signup_url(url: &str) -> Option<String> {
    let url = twir_net::Url::parse(url.trim()).ok()?;
    let host = url.host_str()?;
    if !(host == "list-manage.com" || host.ends_with(".list-manage.com")) {
        return None;
    }
    url.query_pairs()
        .find(|(k, _)| k == "id")
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Reads a `--schedule` time: RFC 3339 with an offset (`2026-08-26T15:00:00Z`), or a civil
/// date and time (`2026-08-26 11:00`, `2026-08-26T11:00`) in time zone `tz`.
pub fn parse_schedule_time(text: &str, tz: &jiff::tz::TimeZone) -> Result<jiff::Timestamp> {
    let text = text.trim();
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Ok(t);
    }
    let bad = |reason: String| MailchimpError::Config {
        setting: "--schedule".into(),
        reason,
    };
    let civil: jiff::civil::DateTime = text.replacen(' ', "T", 1).parse().map_err(|_| {
        bad(format!(
            "{text:?}: expected a time such as 2026-08-26T15:00:00Z or \"2026-08-26 11:00\" \
             (in the site's time zone)"
        ))
    })?;
    tz.to_timestamp(civil)
        .map_err(|e| bad(format!("{text:?}: {e}")))
}

/// Mailchimp schedules on quarter hours only, and not in the past.
pub fn check_schedule_time(t: jiff::Timestamp, now: jiff::Timestamp) -> Result<()> {
    let secs = t.as_second();
    if secs.rem_euclid(900) != 0 || t.subsec_nanosecond() != 0 {
        return Err(MailchimpError::Config {
            setting: "--schedule".into(),
            reason: format!("{t}: Mailchimp schedules on quarter hours only (:00, :15, :30, :45)"),
        });
    }
    if t <= now {
        return Err(MailchimpError::Config {
            setting: "--schedule".into(),
            reason: format!("{t} is in the past"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audience_from_the_signup_form() {
        assert_eq!(
            list_id_from_signup_url(
                "https://this-week-in-rust.us11.list-manage.com/subscribe?u=fd84c1c757e02889a9b08d289&id=0ed8b72485"
            )
            .as_deref(),
            Some("0ed8b72485")
        );
        assert_eq!(
            list_id_from_signup_url("https://example.org/subscribe?id=1"),
            None
        );
        assert_eq!(
            list_id_from_signup_url("https://x.list-manage.com/subscribe"),
            None
        );
        assert_eq!(list_id_from_signup_url("not a url"), None);
    }

    #[test]
    fn schedule_times_in_either_form() {
        let ny = jiff::tz::TimeZone::get("America/New_York").unwrap();
        let t = parse_schedule_time("2026-08-26 11:00", &ny).unwrap();
        assert_eq!(t.to_string(), "2026-08-26T15:00:00Z");
        let t = parse_schedule_time("2026-08-26T15:15:00Z", &ny).unwrap();
        assert_eq!(t.to_string(), "2026-08-26T15:15:00Z");
        let t = parse_schedule_time("2026-08-26T11:30-04:00", &ny).unwrap();
        assert_eq!(t.to_string(), "2026-08-26T15:30:00Z");
        let e = parse_schedule_time("next wednesday", &ny)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("--schedule: \"next wednesday\": expected"),
            "{e}"
        );
    }

    #[test]
    fn schedule_times_are_quarter_hours_in_the_future() {
        let now: jiff::Timestamp = "2026-08-26T10:07:00Z".parse().unwrap();
        let ok: jiff::Timestamp = "2026-08-26T15:45:00Z".parse().unwrap();
        assert!(check_schedule_time(ok, now).is_ok());
        let odd: jiff::Timestamp = "2026-08-26T15:40:00Z".parse().unwrap();
        let e = check_schedule_time(odd, now).unwrap_err().to_string();
        assert!(e.contains("quarter hours"), "{e}");
        let past: jiff::Timestamp = "2026-08-26T10:00:00Z".parse().unwrap();
        let e = check_schedule_time(past, now).unwrap_err().to_string();
        assert!(e.contains("in the past"), "{e}");
    }
}
