//! YAML front matter, kept behind this one module so the YAML crate can be swapped.

/// Parses front matter into ordered `(key, value)` pairs with every value as display text.
/// On bad YAML, returns the error (with its line inside the front matter, 1-based) and whatever
/// simple `key: value` lines could be salvaged.
/// Metadata pairs in file order.
pub type Meta = Vec<(String, String)>;

/// Why front matter could not be parsed: message, line, and the pairs salvaged anyway.
pub type BadYaml = (String, Option<usize>, Meta);

pub fn parse(src: &str) -> Result<Meta, BadYaml> {
    match serde_yaml::from_str::<serde_yaml::Value>(src) {
        Ok(serde_yaml::Value::Mapping(map)) => Ok(map
            .into_iter()
            .filter_map(|(k, v)| Some((scalar(&k)?, value_text(&v))))
            .collect()),
        Ok(serde_yaml::Value::Null) => Ok(vec![]),
        Ok(_) => Err((
            "front matter is not a list of `key: value` pairs".into(),
            None,
            salvage(src),
        )),
        Err(e) => {
            let line = e.location().map(|l| l.line());
            let msg = e.to_string();
            let msg = msg.split(" at line").next().unwrap_or(&msg).to_string();
            Err((msg, line, salvage(src)))
        }
    }
}

fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn value_text(v: &serde_yaml::Value) -> String {
    scalar(v).unwrap_or_else(|| match v {
        serde_yaml::Value::Null => String::new(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .replace('\n', "; "),
    })
}

/// Reads `key: value` lines one by one, for front matter the YAML parser refused.
pub fn salvage(src: &str) -> Vec<(String, String)> {
    src.lines().filter_map(key_value_line).collect()
}

/// A plain metadata key: letters, digits, `_` and `-`.
pub fn is_key(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `key: value` with a plain identifier key; quotes around the value are removed.
pub fn key_value_line(line: &str) -> Option<(String, String)> {
    let (k, v) = line.split_once(':')?;
    let k = k.trim();
    if !is_key(k) {
        return None;
    }
    let v = v.trim();
    let v = v
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
        .unwrap_or(v);
    // An unclosed quote from broken YAML is not part of the value.
    let v = v.trim_matches(|c| c == '"' || c == '\'');
    Some((k.to_string(), v.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_and_unknown_keys() {
        let m = parse("title: \"Xin chào\"\nuse: true\nextra: [a, b]\n").unwrap();
        assert_eq!(m[0], ("title".into(), "Xin chào".into()));
        assert_eq!(m[1], ("use".into(), "true".into()));
        assert_eq!(m[2].0, "extra");
    }

    #[test]
    fn bad_yaml_is_salvaged() {
        let (msg, line, salvaged) = parse("title: \"Mở\nslug: x: y: [\n").unwrap_err();
        assert!(!msg.is_empty());
        assert!(line.is_some());
        assert!(salvaged.iter().any(|(k, _)| k == "title"));
    }
}
