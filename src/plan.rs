//! What `apply` would change: a profile file compared with the profile as it stands and with
//! the record of what was last uploaded. Pure, so every decision is testable without a server.

use serde_json::Value;

use crate::fields::Field;
use crate::profile_file::{BannerWant, CROP_KEYS, Desired, ImageFile};
use crate::state::{Upload, UserState};
use crate::user::{as_set, holds};

/// One difference, for the plan shown to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// `name`, `url`, `location`, `description`, `image` or `banner`: the profile file's key.
    pub key: &'static str,
    /// What the profile has now (empty for nothing).
    pub old: String,
    /// What it will have (a file name for an image, empty for a removal).
    pub new: String,
    /// Why an image is sent again, when it is one.
    pub why: Option<&'static str>,
}

/// What to do with the banner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BannerStep {
    /// Nothing.
    Keep,
    /// Upload the file.
    Upload,
    /// Remove the banner that is there.
    Remove,
}

/// Everything `apply` would send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The text fields to send in one `update_profile`, with their new values.
    pub update: Vec<(Field, String)>,
    /// Whether the picture is uploaded.
    pub image: bool,
    /// What happens to the banner.
    pub banner: BannerStep,
    /// Every difference, in the order the profile file lists its keys.
    pub changes: Vec<Change>,
    /// Uploads recorded while the API was still processing them (`image` or `banner`), with the
    /// URL the profile shows now, to record as theirs.
    pub adopt: Vec<(&'static str, String)>,
}

impl Plan {
    /// Whether the profile is as the file says.
    pub fn in_sync(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Compares `desired` with the profile `user` and the record `state`; `force_images` sends
/// every image the file names.
pub fn plan(desired: &Desired, user: &Value, state: &UserState, force_images: bool) -> Plan {
    let mut plan = Plan {
        update: Vec::new(),
        image: false,
        banner: BannerStep::Keep,
        changes: Vec::new(),
        adopt: Vec::new(),
    };
    for (field, wanted) in &desired.fields {
        if !holds(user, *field, wanted) {
            plan.update.push((*field, wanted.clone()));
            plan.changes.push(Change {
                key: field.api_name(),
                old: as_set(user, *field),
                new: wanted.clone(),
                why: None,
            });
        }
    }
    if let Some(file) = &desired.image {
        let live = url(user, "profile_image_url_https");
        match resend(file, "", state.image.as_ref(), &live, force_images) {
            Decision::Keep => {}
            Decision::Adopt => plan.adopt.push(("image", live)),
            Decision::Send(why) => {
                plan.image = true;
                plan.changes.push(Change {
                    key: "image",
                    old: live,
                    new: file.shown.clone(),
                    why: Some(why),
                });
            }
        }
    }
    let live = url(user, "profile_banner_url");
    match &desired.banner {
        None => {}
        Some(BannerWant::Remove) if !live.is_empty() => {
            plan.banner = BannerStep::Remove;
            plan.changes.push(Change {
                key: "banner",
                old: live,
                new: String::new(),
                why: None,
            });
        }
        Some(BannerWant::Remove) => {}
        Some(BannerWant::Set { file, crop }) => {
            let crop = crop_text(crop);
            match resend(file, &crop, state.banner.as_ref(), &live, force_images) {
                Decision::Keep => {}
                Decision::Adopt => plan.adopt.push(("banner", live)),
                Decision::Send(why) => {
                    plan.banner = BannerStep::Upload;
                    plan.changes.push(Change {
                        key: "banner",
                        old: live,
                        new: file.shown.clone(),
                        why: Some(why),
                    });
                }
            }
        }
    }
    plan
}

/// What to do about an image the file names.
enum Decision {
    /// The profile shows what was last uploaded.
    Keep,
    /// The last upload was still being processed when it was recorded (its answer showed the
    /// image it replaced): the image the profile shows now is that upload's.
    Adopt,
    /// Send it, and why.
    Send(&'static str),
}

/// Whether an image must be sent again: the record says what was last uploaded and where the
/// profile then showed it.
fn resend(
    file: &ImageFile,
    crop: &str,
    record: Option<&Upload>,
    live: &str,
    force: bool,
) -> Decision {
    if force {
        return Decision::Send("--force-images");
    }
    let Some(record) = record else {
        return Decision::Send("no record of an earlier upload");
    };
    if record.sha256 != file.sha256 {
        Decision::Send("the file changed")
    } else if record.crop != crop {
        Decision::Send("the crop changed")
    } else if live.is_empty() {
        Decision::Send("the profile has none")
    } else if record.url.is_empty() {
        Decision::Adopt
    } else if record.url != crate::state::fingerprint(live) {
        Decision::Send("the profile shows another image")
    } else {
        Decision::Keep
    }
}

/// A URL field of the user object, empty when absent or not a string.
pub fn url(user: &Value, key: &str) -> String {
    user.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The banner crop as recorded: `width=1500,height=500`, empty for none.
pub fn crop_text(crop: &[Option<u32>; 4]) -> String {
    CROP_KEYS
        .iter()
        .zip(crop)
        .filter_map(|(key, value)| value.map(|v| format!("{key}={v}")))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::{Format, Image};
    use serde_json::json;

    fn file(name: &str, bytes: &[u8]) -> ImageFile {
        ImageFile {
            shown: name.to_owned(),
            sha256: crate::state::sha256(bytes),
            image: Image {
                bytes: bytes.to_vec(),
                format: Format::Png,
            },
        }
    }

    fn desired() -> Desired {
        Desired {
            account: None,
            screen_name: None,
            sources: Vec::new(),
            templated: Vec::new(),
            fields: vec![
                (Field::Name, "Alice".into()),
                (Field::Url, "alice.example".into()),
                (Field::Description, "Tom & Jerry".into()),
            ],
            image: Some(file("a.png", b"one")),
            banner: Some(BannerWant::Set {
                file: file("b.png", b"two"),
                crop: [Some(1500), Some(500), None, None],
            }),
        }
    }

    fn user() -> Value {
        json!({
            "name": "Alice",
            "url": "http://alice.example",
            "description": "Tom &amp; Jerry",
            "profile_image_url_https": "https://img/1_normal.png",
            "profile_banner_url": "https://banner/1",
        })
    }

    fn recorded() -> UserState {
        UserState {
            image: Some(Upload {
                sha256: crate::state::sha256(b"one"),
                crop: String::new(),
                url: "https://img/1_normal.png".into(),
            }),
            banner: Some(Upload {
                sha256: crate::state::sha256(b"two"),
                crop: "width=1500,height=500".into(),
                url: "https://banner/1".into(),
            }),
        }
    }

    #[test]
    fn a_profile_as_the_file_and_the_record_say_is_in_sync() {
        let plan = plan(&desired(), &user(), &recorded(), false);
        assert!(plan.in_sync(), "{plan:?}");
        assert_eq!((plan.image, plan.banner), (false, BannerStep::Keep));
    }

    #[test]
    fn text_fields_that_differ_are_sent_with_what_they_were() {
        let mut u = user();
        u["name"] = json!("Bob");
        let plan = plan(&desired(), &u, &recorded(), false);
        assert_eq!(plan.update, vec![(Field::Name, "Alice".to_owned())]);
        assert_eq!(
            plan.changes,
            vec![Change {
                key: "name",
                old: "Bob".into(),
                new: "Alice".into(),
                why: None
            }]
        );
    }

    #[test]
    fn images_are_sent_again_for_each_reason() {
        let check = |state: UserState, u: Value, force: bool, why: Option<&str>| {
            let plan = plan(&desired(), &u, &state, force);
            let found = plan.changes.iter().find(|c| c.key == "image");
            assert_eq!(found.and_then(|c| c.why), why, "{plan:?}");
            assert_eq!(plan.image, why.is_some());
        };
        check(recorded(), user(), true, Some("--force-images"));
        check(
            UserState::default(),
            user(),
            false,
            Some("no record of an earlier upload"),
        );
        let mut changed = recorded();
        changed.image.as_mut().unwrap().sha256 = "other".into();
        check(changed, user(), false, Some("the file changed"));
        let mut web = user();
        web["profile_image_url_https"] = json!("https://img/2_normal.png");
        check(
            recorded(),
            web,
            false,
            Some("the profile shows another image"),
        );
    }

    #[test]
    fn an_upload_still_processing_when_recorded_is_adopted_not_sent_again() {
        let mut state = recorded();
        state.image.as_mut().unwrap().url = String::new();
        let plan = plan(&desired(), &user(), &state, false);
        assert!(plan.in_sync() && !plan.image, "{plan:?}");
        assert_eq!(
            plan.adopt,
            vec![("image", "https://img/1_normal.png".to_owned())]
        );
    }

    #[test]
    fn a_banner_is_sent_again_when_its_crop_changes() {
        let mut state = recorded();
        state.banner.as_mut().unwrap().crop = "width=1500".into();
        let plan = plan(&desired(), &user(), &state, false);
        assert_eq!(plan.banner, BannerStep::Upload);
        assert_eq!(plan.changes[0].why, Some("the crop changed"));
        assert_eq!(plan.changes[0].old, "https://banner/1");
    }

    #[test]
    fn banner_false_removes_only_a_banner_that_is_there() {
        let mut wants = desired();
        wants.banner = Some(BannerWant::Remove);
        let plan_with = plan(&wants, &user(), &recorded(), false);
        assert_eq!(plan_with.banner, BannerStep::Remove);
        let mut bare = user();
        bare.as_object_mut().unwrap().remove("profile_banner_url");
        assert!(plan(&wants, &bare, &recorded(), false).in_sync());
        bare["profile_banner_url"] = json!(null);
        assert!(plan(&wants, &bare, &recorded(), false).in_sync());
    }
}
