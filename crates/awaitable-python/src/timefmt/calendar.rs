//! Proleptic Gregorian calendar arithmetic in UTC, on 64-bit integers so no
//! timestamp can overflow it.

/// A broken-down time, as Python's `struct_time` numbers it: months 1–12,
/// weekdays 0 (Monday)–6, days of the year 1–366.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tm {
    /// The year, in full (`tm_year`; C's counts from 1900).
    pub year: i64,
    /// The month, 1–12 (`tm_mon`).
    pub mon: i64,
    /// The day of the month, 1–31 (`tm_mday`).
    pub mday: i64,
    /// Hours, 0–23 (`tm_hour`).
    pub hour: i64,
    /// Minutes, 0–59 (`tm_min`).
    pub min: i64,
    /// Seconds, 0–61 (`tm_sec`).
    pub sec: i64,
    /// The weekday, 0 (Monday)–6 (`tm_wday`).
    pub wday: i64,
    /// The day of the year, 1–366 (`tm_yday`).
    pub yday: i64,
    /// Summer time: 1, 0, or -1 for unknown (`tm_isdst`).
    pub isdst: i64,
    /// The zone name `%Z` prints (`tm_zone`).
    pub zone: &'static str,
}

/// The largest year a C `struct tm` holds (`tm_year` is an `int` counting from 1900).
const MAX_YEAR: i64 = i32::MAX as i64 + 1900;
const MIN_YEAR: i64 = i32::MIN as i64 + 1900;

/// Whether `year` is a leap year.
pub fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days from 1970-01-01 to the given date (Howard Hinnant's `days_from_civil`);
/// months outside 1–12 and days outside the month carry over.
pub fn days_from_civil(year: i64, mon: i64, mday: i64) -> i64 {
    let year = year + (mon - 1).div_euclid(12);
    let mon = (mon - 1).rem_euclid(12) + 1;
    let y = if mon <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mon + 9) % 12;
    let doy = (153 * mp + 2) / 5;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 + (mday - 1)
}

/// The date `(year, month, day)` of a day count from 1970-01-01 (`civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let mday = doy - (153 * mp + 2) / 5 + 1;
    let mon = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(mon <= 2);
    (year, mon, mday)
}

/// The UTC broken-down time of a timestamp, or `None` when its year does not
/// fit a C `struct tm` (where CPython raises `OSError`).
pub fn tm_from_timestamp(secs: i64, zone: &'static str) -> Option<Tm> {
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let (year, mon, mday) = civil_from_days(days);
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return None;
    }
    Some(Tm {
        year,
        mon,
        mday,
        hour: rest / 3600,
        min: rest % 3600 / 60,
        sec: rest % 60,
        // 1970-01-01 was a Thursday (3).
        wday: (days + 3).rem_euclid(7),
        yday: days - days_from_civil(year, 1, 1) + 1,
        isdst: 0,
        zone,
    })
}

/// The timestamp of a UTC broken-down time, normalising out-of-range fields
/// as C's `mktime` does; `None` past the range of 64-bit arithmetic.
pub fn timestamp_of(tm: &Tm) -> Option<i64> {
    let days = days_from_civil(tm.year, tm.mon, 1).checked_add(tm.mday - 1)?;
    // glibc's mktime in UTC takes a positive `tm_isdst` as summer time, an hour ahead.
    let dst = if tm.isdst > 0 { 3600 } else { 0 };
    days.checked_mul(86_400)?
        .checked_add(tm.hour * 3600 + tm.min * 60 + tm.sec - dst)
}
