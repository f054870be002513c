//! Unit tests of the calendar and of `strftime` on broken-down times; the
//! module's functions are checked against CPython in `tests/stdlib_conformance.rs`.

use super::calendar::{civil_from_days, days_from_civil, timestamp_of, tm_from_timestamp};
use super::strftime::strftime;
use super::*;

#[test]
fn days_and_dates_round_trip() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    assert_eq!(civil_from_days(-719_468), (0, 3, 1));
    // Months and days out of range carry over, as mktime normalises them.
    assert_eq!(days_from_civil(2023, 13, 1), days_from_civil(2024, 1, 1));
    assert_eq!(days_from_civil(2024, 3, 0), days_from_civil(2024, 2, 29));
    let mut day = -800_000_000i64;
    while day < 800_000_000 {
        let (y, m, d) = civil_from_days(day);
        assert_eq!(days_from_civil(y, m, d), day);
        day += 999_983;
    }
}

#[test]
fn timestamps_map_to_broken_down_times_and_back() {
    for secs in [
        0i64,
        -1,
        951_782_400,
        1_709_647_629,
        -62_135_596_800,
        253_402_300_799,
    ] {
        let tm = tm_from_timestamp(secs, "UTC").expect("in range");
        assert_eq!(timestamp_of(&tm), Some(secs));
    }
    let leap_day = tm_from_timestamp(951_782_400, "UTC").expect("in range");
    assert_eq!(
        (
            leap_day.year,
            leap_day.mon,
            leap_day.mday,
            leap_day.wday,
            leap_day.yday
        ),
        (2000, 2, 29, 1, 60)
    );
    // The years a C struct tm holds, as glibc's gmtime reports them.
    assert!(tm_from_timestamp(67_768_036_191_676_799, "UTC").is_some());
    assert!(tm_from_timestamp(67_768_036_191_676_800, "UTC").is_none());
    assert!(tm_from_timestamp(i64::MAX, "UTC").is_none());
    assert!(tm_from_timestamp(i64::MIN, "UTC").is_none());
}

fn tm(year: i64, mon: i64, mday: i64, hour: i64, wday: i64, yday: i64) -> Tm {
    Tm {
        year,
        mon,
        mday,
        hour,
        min: 7,
        sec: 9,
        wday,
        yday,
        isdst: 0,
        zone: "UTC",
    }
}

#[test]
fn strftime_directives_flags_and_unknowns() {
    let t = tm(2024, 3, 5, 14, 1, 65);
    assert_eq!(strftime("%Y-%m-%d %H:%M:%S", &t), "2024-03-05 14:07:09");
    assert_eq!(
        strftime("%c|%x|%X|%r", &t),
        "Tue Mar  5 14:07:09 2024|03/05/24|14:07:09|02:07:09 PM"
    );
    assert_eq!(
        strftime("%-d|%_d|%5d|%3Y|%^a|%#p|%10A", &t),
        "5| 5|00005|2024|TUE|pm|   Tuesday"
    );
    assert_eq!(strftime("%Q|%OY|%E|%", &t), "%Q|%OY|%E|%");
    let midnight = tm(-5, 1, 1, 0, 0, 1);
    assert_eq!(
        strftime("%I %p|%Y|%y|%C|%3Y", &midnight),
        "12 AM|-5|95|-1|-05"
    );
    // ISO weeks across a year boundary.
    assert_eq!(
        strftime("%G-W%V-%u", &tm(2024, 12, 30, 0, 0, 365)),
        "2025-W01-1"
    );
    assert_eq!(
        strftime("%G-W%V-%u", &tm(2021, 1, 3, 0, 6, 3)),
        "2020-W53-7"
    );
}

#[test]
fn check_tm_defaults_zeros_and_rejects_what_would_index_out_of_range() {
    let interp = Interp::new(crate::compiler::Mode::Script);
    let mut zeros = Tm {
        mon: 0,
        mday: 0,
        yday: 0,
        wday: -1,
        ..tm(2024, 1, 1, 0, 0, 1)
    };
    assert!(check_tm(&interp, &mut zeros).is_ok());
    assert_eq!(
        (zeros.mon, zeros.mday, zeros.yday, zeros.wday),
        (1, 1, 1, 6)
    );
    for bad in [
        Tm {
            mon: 13,
            ..tm(2024, 1, 1, 0, 0, 1)
        },
        Tm {
            sec: 62,
            ..tm(2024, 1, 1, 0, 0, 1)
        },
        Tm {
            wday: -2,
            ..tm(2024, 1, 1, 0, 0, 1)
        },
    ] {
        assert!(check_tm(&interp, &mut bad.clone()).is_err());
    }
}
