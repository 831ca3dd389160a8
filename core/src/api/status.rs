//! The statuses the portal reports, as enums. A status the client only reads and shows is an
//! *open* enum: a name this build does not know decodes to `Other { raw }` instead of failing,
//! so an older app keeps working when a newer portal adds a state (it shows the raw name and
//! allows no action on it). The portal never produces `Other`.

/// Declares an open status enum: the known snake_case names, and `Other { raw }` for the rest.
macro_rules! open_status {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )+ }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A name this build does not know (from a newer portal).
            Other {
                /// The portal's name.
                raw: String,
            },
        }

        impl $name {
            /// Every known status, in lifecycle order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The wire (and stored) name.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Other { raw } => raw,
                }
            }

            /// The status with this name (`Other` for an unknown one).
            pub fn parse(name: &str) -> $name {
                match name {
                    $( $wire => $name::$variant, )+
                    _ => $name::Other { raw: name.to_owned() },
                }
            }
        }

        impl From<String> for $name {
            fn from(raw: String) -> $name {
                match $name::parse(&raw) {
                    $name::Other { .. } => $name::Other { raw },
                    known => known,
                }
            }
        }

        impl From<$name> for String {
            fn from(status: $name) -> String {
                status.as_str().to_owned()
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use open_status;

open_status! {
    /// Where an application stands.
    ApplicationStatus {
        /// Being edited (no code yet, or a rejected one being fixed keeps its code).
        Draft = "draft",
        /// 审核中.
        UnderReview = "under_review",
        /// 审核通过: in the pool of the next draw.
        Approved = "approved",
        /// 审核未通过, with reasons; may be fixed and resubmitted.
        Rejected = "rejected",
        /// Won a quota.
        Won = "won",
        /// Removed by the yearly clean-up (may be reactivated).
        Removed = "removed",
        /// Withdrawn by the applicant (its history and code are kept; it joins no draw).
        Withdrawn = "withdrawn",
    }
}

open_status! {
    /// A period's lifecycle.
    PeriodStatus {
        /// Taking applications.
        Open = "open",
        /// Pool frozen at the cut-off.
        Frozen = "frozen",
        /// Draw run, not yet published.
        Drawn = "drawn",
        /// Results published.
        Published = "published",
        /// Nobody was in the pool at the draw time: nothing to draw or publish.
        Void = "void",
    }
}

open_status! {
    /// A won quota's lifecycle.
    QuotaStatus {
        /// Issued, to be confirmed within the policy's hours.
        PendingConfirmation = "pending_confirmation",
        /// Confirmed by the winner.
        Confirmed = "confirmed",
        /// Not confirmed in time.
        Forfeited = "forfeited",
        /// Past its validity.
        Expired = "expired",
    }
}

open_status! {
    /// A marital-status change request's review.
    MaritalChangeStatus {
        /// Waiting for review.
        Pending = "pending",
        /// Approved: the change was made (the account, or its applications' address).
        Approved = "approved",
        /// Rejected, with a reason.
        Rejected = "rejected",
    }
}

open_status! {
    /// One code's outcome in one period.
    PeriodOutcome {
        /// Won.
        Won = "won",
        /// Published, not drawn.
        NotWon = "not_won",
        /// In the pool, before publication.
        Pending = "pending",
    }
}

open_status! {
    /// A result notification in the portal's push outbox.
    PushStatus {
        /// Waiting to be sent (or retried).
        Pending = "pending",
        /// Delivered to a provider.
        Sent = "sent",
        /// The account has no device.
        NoDevice = "no_device",
        /// Given up after the last attempt.
        Failed = "failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_round_trip_and_unknown_ones_are_kept() {
        for status in ApplicationStatus::KNOWN {
            let json = serde_json::to_string(status).unwrap();
            assert_eq!(
                &serde_json::from_str::<ApplicationStatus>(&json).unwrap(),
                status
            );
        }
        assert_eq!(
            serde_json::from_str::<PeriodStatus>("\"archived\"").unwrap(),
            PeriodStatus::Other {
                raw: "archived".to_owned()
            }
        );
        assert_eq!(
            QuotaStatus::PendingConfirmation.as_str(),
            "pending_confirmation"
        );
        assert_eq!(
            serde_json::to_string(&PushStatus::NoDevice).unwrap(),
            "\"no_device\""
        );
    }
}
