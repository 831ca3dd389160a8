//! The one wire contract of the portal (`docs/api/portal.openapi.yaml`): every request and
//! response body, declared once, as plain serde types with no I/O. The portal serialises them and
//! the client deserialises them, and `server/tests/openapi.rs` checks them against the spec.
//!
//! Compatibility policy:
//! - Statuses the client only reads and shows ([`ApplicationStatus`], [`PeriodStatus`],
//!   [`QuotaStatus`], [`MaritalChangeStatus`], [`PeriodOutcome`], [`PushStatus`]) and the
//!   [`ErrorCode`] are open: an unknown name decodes to `Other { raw }`, so an older app keeps
//!   working when a newer portal adds a state.
//! - Vocabularies the client also sends ([`DocumentKind`], [`ApplicationKind`],
//!   [`MaritalStatus`], [`SmsPurpose`], [`Provider`], [`EventKind`]) are closed: an unknown
//!   name, like a missing field or a wrong type, fails to decode, and the client reports a
//!   contract error (update the app) instead of guessing.
//! - Optional fields default when absent, so a field a newer portal drops or an older cache
//!   lacks is not an error.

pub mod accounts;
pub mod applications;
pub mod documents;
pub mod errors;
pub mod forms;
pub mod info;
pub mod operator;
pub mod periods;
pub mod privacy;
pub mod push;
pub mod results;
pub mod status;
pub mod system;

pub use accounts::{
    Account, AddressChange, CodeRequest, CodeSent, Decision, Login, MaritalChange, MaritalStatus,
    MobileChange, MobileCodes, PasswordReset, Registration, Session, SmsPurpose, UnitProfile,
    UnitRegistration,
};
pub use applications::{Application, FieldCheck, FormUpdate, NewApplication, Preview};
pub use documents::{Document, DocumentKind};
pub use errors::{ErrorBody, ErrorCode};
pub use forms::{ApplicationForm, ApplicationKind, FamilyForm, MemberForm};
pub use info::{Announcement, NewAnnouncement};
pub use operator::{ImportSummary, ReviewSummary, SmsOutboxEntry, TickReport};
pub use periods::{
    DrawRequest, NewPeriod, Period, PeriodKind, QueueRank, period_id, period_label, period_number,
};
pub use privacy::{AccountDeletion, DataExport, ExportedApplication, SessionRecord};
pub use push::{
    DeliveryReport, Device, NewDevice, Provider, PushNotification, PushOutboxEntry, VapidKey,
    WebPushKeys,
};
pub use results::{Captcha, Quota, ResultEntry, ResultFile};
pub use status::{
    ApplicationStatus, MaritalChangeStatus, PeriodOutcome, PeriodStatus, PushStatus, QuotaStatus,
};
pub use system::{Clock, ClockMove, Health, HealthStatus};

/// The core's own types that travel as they are: the calendar (`Event`, `EventKind`,
/// `AnnouncedDate`), the policy, a field's [`Reason`] and a family's points.
pub use crate::calendar::{AnnouncedDate, Event, EventKind};
pub use crate::i18n::Reason;
pub use crate::points::{FamilyPoints, Relation};
pub use crate::policy::Policy;
