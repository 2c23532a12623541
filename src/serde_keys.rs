//! Reading enums stored as strings ("htx", "at_least") without serde's
//! derived readers: each derived reader is a visitor of its own, about a
//! kilobyte of the download apiece. Here every enum reads one `String`
//! through the same code and looks it up in its table of keys; writing
//! stays derived (it is already small). A test checks each table against
//! what the derived writer produces, so the two cannot drift apart.

use serde::{de::Error, Deserialize, Deserializer};

/// The position of `key` among `keys`: the one lookup every reader of a
/// stored enum goes through (serde's, [`crate::json_read::key`], forms).
pub fn position(keys: &[&str], key: &str) -> Option<usize> {
    keys.iter().position(|k| *k == key)
}

/// Reads a string and returns its position among `keys`.
pub fn read_key<'de, D: Deserializer<'de>>(
    deserializer: D,
    keys: &'static [&'static str],
) -> Result<usize, D::Error> {
    let key = String::deserialize(deserializer)?;
    position(keys, &key).ok_or_else(|| D::Error::unknown_variant(&key, keys))
}

/// `Deserialize` for a unit-only enum from its variants and their keys, in
/// the same order.
macro_rules! read_as_key {
    ($ty:ty { $($variant:ident = $key:literal),+ $(,)? }) => {
        impl $ty {
            /// The keys it is stored under, in the order of [`Self::VARIANTS`].
            pub const KEYS: &'static [&'static str] = &[$($key),+];
            pub const VARIANTS: &'static [$ty] = &[$(<$ty>::$variant),+];

            /// The key it is stored under (and written in CSV files).
            pub fn stored_key(self) -> &'static str {
                match self {
                    $(<$ty>::$variant => $key),+
                }
            }

            /// The variant stored under `key` (a form's value, a file's).
            pub fn from_stored_key(key: &str) -> Option<Self> {
                let index = $crate::serde_keys::position(Self::KEYS, key)?;
                Self::VARIANTS.get(index).copied()
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let index = $crate::serde_keys::read_key(deserializer, Self::KEYS)?;
                Ok(Self::VARIANTS[index])
            }
        }
    };
}
pub(crate) use read_as_key;

#[cfg(test)]
mod tests {
    use crate::plan::{Comparator, Indicator, QualifiedReading};
    use crate::task::TaskStatus;
    use crate::unit::{CoopModel, ManagerRole, OperatingStatus, Qualification, UnitKind};

    /// Every variant is written as its key and read back; anything else is
    /// refused with the list of keys.
    fn check<T>(keys: &[&str], variants: &[T])
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        assert_eq!(keys.len(), variants.len());
        for (key, variant) in keys.iter().zip(variants) {
            assert_eq!(
                serde_json::to_string(variant).unwrap(),
                format!("\"{key}\"")
            );
            assert_eq!(
                &serde_json::from_str::<T>(&format!("\"{key}\"")).unwrap(),
                variant
            );
        }
        let error = serde_json::from_str::<T>("\"nope\"")
            .unwrap_err()
            .to_string();
        assert!(error.contains(keys[0]), "{error}");
        assert!(serde_json::from_str::<T>("3").is_err());
    }

    #[test]
    fn every_enum_reads_what_it_writes() {
        check(UnitKind::KEYS, UnitKind::VARIANTS);
        check(CoopModel::KEYS, CoopModel::VARIANTS);
        check(OperatingStatus::KEYS, OperatingStatus::VARIANTS);
        check(ManagerRole::KEYS, ManagerRole::VARIANTS);
        check(Qualification::KEYS, Qualification::VARIANTS);
        check(Comparator::KEYS, Comparator::VARIANTS);
        check(Indicator::KEYS, Indicator::VARIANTS);
        check(QualifiedReading::KEYS, QualifiedReading::VARIANTS);
        check(TaskStatus::KEYS, TaskStatus::VARIANTS);
        for (key, role) in ManagerRole::KEYS.iter().zip(ManagerRole::VARIANTS) {
            assert_eq!(role.stored_key(), *key);
        }
        for (key, qualification) in Qualification::KEYS.iter().zip(Qualification::VARIANTS) {
            assert_eq!(qualification.stored_key(), *key);
        }
    }
}
