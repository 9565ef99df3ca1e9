//! Template contexts: the values every page shares (all settings, `articles`, `dates`,
//! `categories`...) built once, and the few each page adds (`article`, `output_file`,
//! `articles_page`...) layered on top without copying the shared ones.

use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The values every page of a site sees.
#[derive(Debug, Clone, Default)]
pub struct SharedContext {
    values: Arc<BTreeMap<String, Value>>,
}

impl SharedContext {
    /// A shared context holding `values`.
    pub fn new(values: BTreeMap<String, Value>) -> SharedContext {
        SharedContext {
            values: Arc::new(values),
        }
    }

    /// One shared value.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// The context of one page: `page` first, then the shared values.
    pub fn page(&self, page: Vec<(&'static str, Value)>) -> Value {
        Value::from_object(Layered {
            page,
            shared: self.values.clone(),
        })
    }
}

#[derive(Debug)]
struct Layered {
    page: Vec<(&'static str, Value)>,
    shared: Arc<BTreeMap<String, Value>>,
}

impl Object for Layered {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let key = key.as_str()?;
        self.page
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
            .or_else(|| self.shared.get(key).cloned())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let mut keys: Vec<Value> = self.page.iter().map(|(k, _)| Value::from(*k)).collect();
        keys.extend(
            self.shared
                .keys()
                .filter(|k| !self.page.iter().any(|(p, _)| p == k))
                .map(|k| Value::from(k.as_str())),
        );
        Enumerator::Values(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_values_shadow_shared_ones() {
        let mut m = BTreeMap::new();
        m.insert("SITENAME".to_string(), Value::from("S"));
        m.insert("output_file".to_string(), Value::from("old"));
        let shared = SharedContext::new(m);
        let ctx = shared.page(vec![("output_file", Value::from("index.html"))]);
        let out = minijinja::Environment::new()
            .render_str("{{ SITENAME }} {{ output_file }} {{ nope }}", ctx.clone())
            .unwrap();
        assert_eq!(out, "S index.html ");
        assert_eq!(ctx.try_iter().unwrap().count(), 2);
    }
}
