//! The pieces both corpus reports build their tables from.

use std::fmt::Write as _;

/// The first line of `s`, at most `width` characters (the last one `…` when cut).
pub(crate) fn first_line(s: &str, width: usize) -> String {
    let line = s.lines().next().unwrap_or_default();
    if line.chars().count() <= width {
        line.to_owned()
    } else {
        line.chars().take(width - 1).chain(['…']).collect()
    }
}

/// A Markdown table: numeric columns right-aligned, `|` in cells escaped.
pub(crate) fn markdown<const N: usize>(
    header: &[&str; N],
    numeric: &[bool; N],
    rows: impl Iterator<Item = [String; N]>,
) -> String {
    let mut out = format!("| {} |\n", header.join(" | "));
    let aligns: Vec<&str> = numeric.iter().map(|&n| if n { "---:" } else { "---" }).collect();
    let _ = writeln!(out, "|{}|", aligns.join("|"));
    for cells in rows {
        let _ = writeln!(out, "| {} |", cells.map(|c| c.replace('|', "\\|")).join(" | "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_shortened() {
        assert_eq!(first_line("ok\nmore", 70), "ok");
        assert_eq!(first_line(&"x".repeat(100), 70).chars().count(), 70);
    }

    #[test]
    fn cells_escape_pipes() {
        let table = markdown(&["a", "n"], &[false, true], [["x|y".to_owned(), "1".to_owned()]].into_iter());
        assert_eq!(table, "| a | n |\n|---|---:|\n| x\\|y | 1 |\n");
    }
}
