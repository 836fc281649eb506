//! Calendar dates and Swedish/Norwegian local time, without a time-zone database: both
//! countries keep Central European Time (UTC+1, UTC+2 from the last Sunday of March to the last
//! Sunday of October at 01:00 UTC), so that rule is all a date on a decision or in an export
//! needs.

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

/// A moment as read on a Swedish or Norwegian clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub date: Date,
    pub hour: u32,
    pub minute: u32,
}

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

impl Date {
    /// Reads an ISO 8601 calendar date, `2027-03-09`, refusing days the month does not have.
    pub fn parse(iso: &str) -> Option<Date> {
        let bytes = iso.as_bytes();
        let digits = |range: std::ops::Range<usize>| {
            let part = iso.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse::<u32>().ok())?
        };
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let date = Date {
            year: i64::from(digits(0..4)?),
            month: digits(5..7)?,
            day: digits(8..10)?,
        };
        (date.month >= 1 && date.month <= 12 && date.day >= 1)
            .then(|| civil(date.days()))
            .filter(|back| *back == date)
    }

    /// Days since 1970-01-01, after Howard Hinnant's `days_from_civil`
    /// (<https://howardhinnant.github.io/date_algorithms.html>).
    pub fn days(self) -> i64 {
        let y = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        civil(days)
    }

    /// The date as ISO 8601, `2027-03-09`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The date `days` after 1970-01-01, after Hinnant's `civil_from_days` (same source).
fn civil(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    Date {
        year: yoe + era * 400 + i64::from(month <= 2),
        month,
        day,
    }
}

/// The last Sunday of a month, as days since the epoch (1970-01-01 was a Thursday).
fn last_sunday(year: i64, month: u32) -> i64 {
    let next = if month == 12 {
        Date {
            year: year + 1,
            month: 1,
            day: 1,
        }
    } else {
        Date {
            year,
            month: month + 1,
            day: 1,
        }
    };
    let last = next.days() - 1;
    let weekday = (last + 3).rem_euclid(7); // 0 = Monday … 6 = Sunday
    last - (weekday + 1) % 7
}

impl LocalTime {
    /// `ms` since the epoch as a Swedish or Norwegian clock reads it.
    pub fn of(ms: f64) -> LocalTime {
        let utc = ms as i64;
        let year = civil(utc.div_euclid(DAY_MS)).year;
        let summer =
            last_sunday(year, 3) * DAY_MS + HOUR_MS..last_sunday(year, 10) * DAY_MS + HOUR_MS;
        let local = utc + if summer.contains(&utc) { 2 } else { 1 } * HOUR_MS;
        let in_day = local.rem_euclid(DAY_MS);
        LocalTime {
            date: civil(local.div_euclid(DAY_MS)),
            hour: (in_day / HOUR_MS) as u32,
            minute: (in_day % HOUR_MS / 60_000) as u32,
        }
    }

    /// As a spreadsheet reads a date and time, `2027-03-09 14:05`.
    pub fn iso(self) -> String {
        format!("{} {:02}:{:02}", self.date.iso(), self.hour, self.minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, hour: i64, minute: i64) -> f64 {
        let day = Date::parse(date).expect("a date");
        (day.days() * DAY_MS + hour * HOUR_MS + minute * 60_000) as f64
    }

    #[test]
    fn iso_dates_read_only_days_that_exist() {
        assert_eq!(
            Date::parse("2024-02-29"),
            Some(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        for bad in [
            "2027-02-29",
            "2027-13-01",
            "2027-00-10",
            "2027-04-31",
            "2027-4-01",
            "27-04-01",
            "2027/04/01",
            "2027-04-01T",
            "+027-04-01",
            "2027-0a-01",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(Date::parse("1970-01-01").map(Date::days), Some(0));
        assert_eq!(Date::parse("2024-02-29").map(Date::days), Some(19_782));
        assert_eq!(civil(19_782).iso(), "2024-02-29");
    }

    #[test]
    fn local_time_follows_central_european_summer_time() {
        // Summer time 2024: 31 March to 27 October, changing at 01:00 UTC.
        assert_eq!(civil(last_sunday(2024, 3)).iso(), "2024-03-31");
        assert_eq!(civil(last_sunday(2024, 10)).iso(), "2024-10-27");
        assert_eq!(
            LocalTime::of(at("2027-01-14", 23, 30)).iso(),
            "2027-01-15 00:30"
        );
        assert_eq!(
            LocalTime::of(at("2024-06-30", 22, 30)).iso(),
            "2024-07-01 00:30"
        );
        assert_eq!(
            LocalTime::of(at("2024-03-31", 0, 59)).iso(),
            "2024-03-31 01:59"
        );
        assert_eq!(
            LocalTime::of(at("2024-03-31", 1, 0)).iso(),
            "2024-03-31 03:00"
        );
        assert_eq!(
            LocalTime::of(at("2024-10-27", 0, 59)).iso(),
            "2024-10-27 02:59"
        );
        assert_eq!(
            LocalTime::of(at("2024-10-27", 1, 0)).iso(),
            "2024-10-27 02:00"
        );
        assert_eq!(
            LocalTime::of(at("1969-12-31", 23, 0)).iso(),
            "1970-01-01 00:00"
        );
    }
}
