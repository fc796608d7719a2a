//! String enums with odd values (`specs/fixture-unions.yaml`, `Owner.mood`): each value reads to its
//! variant and writes back unchanged; any other string is kept in `Unknown`.

use fixture_unions::models::OwnerMood;

fn read(json: &str) -> OwnerMood {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

#[test]
fn every_value_round_trips_through_its_variant() {
    let cases = [
        ("\"happy\"", OwnerMood::Happy),
        ("\"\"", OwnerMood::Empty),
        ("\"+1\"", OwnerMood::Plus1),
        ("\"needs sleep\"", OwnerMood::NeedsSleep),
        ("\"HAPPY\"", OwnerMood::Happy2),
    ];
    for (json, variant) in cases {
        assert_eq!(read(json), variant, "{json}");
        assert_eq!(serde_json::to_string(&variant).unwrap_or_default(), json);
        assert_eq!(format!("\"{}\"", variant.as_str()), json);
    }
}

#[test]
fn an_unknown_value_is_kept_and_written_back() {
    let mood = read("\"Sad\"");
    assert_eq!(mood, OwnerMood::Unknown("Sad".into()));
    assert_eq!(serde_json::to_string(&mood).unwrap_or_default(), "\"Sad\"");
    assert_eq!(mood.as_str(), "Sad");
}

#[test]
fn a_non_string_is_an_error() {
    assert!(serde_json::from_str::<OwnerMood>("1").is_err());
    assert!(serde_json::from_str::<OwnerMood>("null").is_err());
}
