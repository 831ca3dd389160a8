//! Draw counts, derived rather than rewritten at every publication.

use std::sync::LazyLock;

use yaohao_core::api::PeriodStatus;

/// An application's unsuccessful draws, as SQL over a row of `applications`: those recorded when
/// it joined the portal (`draw_count`) plus every published period whose pool held it and which it
/// did not win. Derived, so publication rewrites no application rows for the carry-over.
pub static DRAWS_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "(applications.draw_count + (SELECT COUNT(*) FROM periods p
           CROSS JOIN pool_entries e
             ON e.period_id = p.id AND e.application_id = applications.id
           WHERE p.status = '{}'
             AND NOT EXISTS (SELECT 1 FROM winners w
                             WHERE w.period_id = e.period_id
                               AND w.application_id = e.application_id)))",
        PeriodStatus::Published.as_str()
    )
});
