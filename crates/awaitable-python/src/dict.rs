//! An insertion-ordered hash table with Python's key semantics, for `dict` and `set`.
//!
//! Like CPython's compact dict, entries live in a vector in insertion order and
//! a separate open-addressing index points into it. Keys hash and compare the
//! way Python's built-in types do (`1 == 1.0 == True` are one key); instances of
//! user classes are keyed by identity.

use std::hash::{Hash, Hasher};
use std::rc::Rc;

use num_bigint::{BigInt, Sign};
use num_traits::{ToPrimitive, Zero};

use crate::value::Value;

/// The modulus of CPython's numeric hash, so equal numbers of any type hash alike.
const HASH_MODULUS: u64 = (1 << 61) - 1;

struct Entry {
    hash: u64,
    key: Value,
    value: Value,
    live: bool,
}

/// An ordered map from hashable values to values.
#[derive(Default)]
pub struct Dict {
    entries: Vec<Entry>,
    /// 0 means empty; otherwise the entry's index plus one.
    indices: Vec<u32>,
    len: usize,
    /// Every entry before this one is dead, so `pop_first` need not rescan them.
    head: usize,
}

/// The error of using an unhashable value as a key; the caller raises `TypeError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unhashable(pub &'static str);

impl Dict {
    /// An empty dict.
    pub fn new() -> Dict {
        Dict::default()
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the dict is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The value for `key`, if present.
    pub fn get(&self, key: &Value) -> Result<Option<Value>, Unhashable> {
        let hash = hash_value(key)?;
        Ok(self.find(hash, key).map(|i| self.entries[i].value.clone()))
    }

    /// Whether `key` is present.
    pub fn contains(&self, key: &Value) -> Result<bool, Unhashable> {
        let hash = hash_value(key)?;
        Ok(self.find(hash, key).is_some())
    }

    /// Looks a string key up without building a value (names in namespaces).
    pub fn get_str(&self, key: &str) -> Option<Value> {
        let index = self.find_str(key, hash_str(key))?;
        Some(self.entries[index].value.clone())
    }

    /// Looks a name up whose hash is known ([`name_hash`]): code objects keep
    /// their names' hashes, so that global lookups hash nothing.
    pub fn get_name(&self, key: &str, hash: u64) -> Option<Value> {
        let index = self.find_str(key, hash)?;
        Some(self.entries[index].value.clone())
    }

    /// Binds a name whose hash is known ([`name_hash`]).
    pub fn insert_name(&mut self, key: &Rc<str>, hash: u64, value: Value) {
        match self.find_str(key, hash) {
            Some(index) => self.entries[index].value = value,
            None => self.push(hash, Value::Str(key.clone()), value),
        }
    }

    /// The entry of string key `key`, of hash `hash`. A name is usually stored
    /// under the very string a code object holds, so the pointers are compared
    /// before the text.
    fn find_str(&self, key: &str, hash: u64) -> Option<usize> {
        if self.indices.is_empty() {
            return None;
        }
        let mask = self.indices.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let index = self.indices[slot];
            if index == 0 {
                return None;
            }
            let entry = &self.entries[index as usize - 1];
            if entry.live && entry.hash == hash {
                if let Value::Str(s) = &entry.key {
                    if std::ptr::eq(s.as_ptr(), key.as_ptr()) && s.len() == key.len() || &**s == key
                    {
                        return Some(index as usize - 1);
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Inserts or replaces; an existing key keeps its position (and its original key object).
    pub fn insert(&mut self, key: Value, value: Value) -> Result<(), Unhashable> {
        let hash = hash_value(&key)?;
        match self.find(hash, &key) {
            Some(i) => self.entries[i].value = value,
            None => self.push(hash, key, value),
        }
        Ok(())
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &Value) -> Result<Option<Value>, Unhashable> {
        let hash = hash_value(key)?;
        let Some(i) = self.find(hash, key) else {
            return Ok(None);
        };
        let entry = &mut self.entries[i];
        entry.live = false;
        self.len -= 1;
        let value = std::mem::replace(&mut entry.value, Value::None);
        entry.key = Value::None;
        Ok(Some(value))
    }

    /// Removes and returns the last inserted entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        let i = self.entries.iter().rposition(|e| e.live)?;
        let entry = &mut self.entries[i];
        entry.live = false;
        self.len -= 1;
        let key = std::mem::replace(&mut entry.key, Value::None);
        let value = std::mem::replace(&mut entry.value, Value::None);
        Some((key, value))
    }

    /// Removes and returns the first entry in iteration order (`set.pop`).
    pub fn pop_first(&mut self) -> Option<(Value, Value)> {
        let offset = self.entries.get(self.head..)?.iter().position(|e| e.live)?;
        let i = self.head + offset;
        self.head = i + 1;
        let entry = &mut self.entries[i];
        entry.live = false;
        self.len -= 1;
        let key = std::mem::replace(&mut entry.key, Value::None);
        let value = std::mem::replace(&mut entry.value, Value::None);
        Some((key, value))
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        *self = Dict::new();
    }

    /// The live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries
            .iter()
            .filter(|e| e.live)
            .map(|e| (&e.key, &e.value))
    }

    /// The keys in insertion order.
    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|(k, _)| k.clone()).collect()
    }

    /// The raw entry at `slot` (for iterators that walk the entry vector), and the
    /// next slot to look at.
    pub fn entry_from(&self, slot: usize) -> Option<(usize, &Value, &Value)> {
        let offset = self.entries[slot.min(self.entries.len())..]
            .iter()
            .position(|e| e.live)?;
        let i = slot + offset;
        Some((i + 1, &self.entries[i].key, &self.entries[i].value))
    }

    /// A copy with the same entries.
    pub fn copy(&self) -> Dict {
        let mut out = Dict::new();
        for e in self.entries.iter().filter(|e| e.live) {
            out.push(e.hash, e.key.clone(), e.value.clone());
        }
        out
    }

    fn find(&self, hash: u64, key: &Value) -> Option<usize> {
        if self.indices.is_empty() {
            return None;
        }
        let mask = self.indices.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let index = self.indices[slot];
            if index == 0 {
                return None;
            }
            let i = index as usize - 1;
            let entry = &self.entries[i];
            if entry.live && entry.hash == hash && keys_equal(&entry.key, key) {
                return Some(i);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Entries whose key has `hash`, as (entry index, key), for callers that must
    /// compare keys with user-defined `__eq__` without holding a borrow.
    pub fn candidates(&self, hash: u64) -> Vec<(usize, Value)> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.live && e.hash == hash)
            .map(|(i, e)| (i, e.key.clone()))
            .collect()
    }

    /// The value of entry `index`, if it is still live.
    pub fn value_at(&self, index: usize) -> Option<Value> {
        self.entries
            .get(index)
            .filter(|e| e.live)
            .map(|e| e.value.clone())
    }

    /// Replaces the value of entry `index`.
    pub fn set_value_at(&mut self, index: usize, value: Value) {
        if let Some(e) = self.entries.get_mut(index).filter(|e| e.live) {
            e.value = value;
        }
    }

    /// Removes entry `index`, returning its value.
    pub fn remove_at(&mut self, index: usize) -> Option<Value> {
        let entry = self.entries.get_mut(index).filter(|e| e.live)?;
        entry.live = false;
        entry.key = Value::None;
        self.len -= 1;
        Some(std::mem::replace(&mut entry.value, Value::None))
    }

    /// Adds a key known to be absent, with its hash already computed.
    pub fn push_hashed(&mut self, hash: u64, key: Value, value: Value) {
        self.push(hash, key, value);
    }

    fn push(&mut self, hash: u64, key: Value, value: Value) {
        if (self.entries.len() + 1) * 3 >= self.indices.len() * 2 {
            self.rebuild();
        }
        self.entries.push(Entry {
            hash,
            key,
            value,
            live: true,
        });
        self.len += 1;
        let index = self.entries.len() as u32;
        self.place(hash, index);
    }

    fn place(&mut self, hash: u64, index: u32) {
        let mask = self.indices.len() - 1;
        let mut slot = hash as usize & mask;
        while self.indices[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        self.indices[slot] = index;
    }

    /// Drops dead entries and resizes the index for the live ones plus growth.
    fn rebuild(&mut self) {
        self.entries.retain(|e| e.live);
        self.head = 0;
        let size = ((self.entries.len() + 1) * 3).next_power_of_two().max(8);
        self.indices = vec![0; size];
        for i in 0..self.entries.len() {
            let hash = self.entries[i].hash;
            self.place(hash, i as u32 + 1);
        }
    }
}

/// Python's hash of a value, for the built-in hashable types.
pub fn hash_value(value: &Value) -> Result<u64, Unhashable> {
    Ok(match value {
        Value::None => 0xFCA8_6420,
        Value::Bool(b) => *b as u64,
        Value::Int(i) => hash_i64(*i),
        Value::BigInt(b) => hash_bigint(b),
        Value::Float(x) => hash_float(*x),
        Value::Str(s) => hash_str(s),
        Value::Bytes(b) => {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            b.hash(&mut h);
            h.finish()
        }
        Value::Tuple(items) => {
            let mut acc: u64 = 0x27D4_EB2F_1656_67C5;
            for item in items.iter() {
                acc = acc.rotate_left(5) ^ hash_value(item)?;
                acc = acc.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            }
            acc
        }
        Value::FrozenSet(d) => {
            // Order-independent: xor of the element hashes, mixed.
            let mut acc: u64 = 0x1234_5678;
            for (k, _) in d.iter() {
                acc ^= hash_value(k)?.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            }
            acc
        }
        Value::List(_) => return Err(Unhashable("list")),
        Value::Dict(_) => return Err(Unhashable("dict")),
        Value::Set(_) => return Err(Unhashable("set")),
        Value::Slice(_) => return Err(Unhashable("slice")),
        Value::DictView(view) => return Err(Unhashable(view.type_name())),
        Value::Instance(i) => i
            .hash_cache
            .get()
            .unwrap_or_else(|| (value.address() as u64).rotate_right(4)),
        other => (other.address() as u64).rotate_right(4),
    })
}

/// A fast non-cryptographic string hash (FxHash's mixing, 8 bytes at a time):
/// names are looked up on every global access, and SipHash costs too much there.
/// The hash of a name, as [`Dict::get_name`] and [`Dict::insert_name`] take
/// it: the hash of the string.
pub fn name_hash(name: &str) -> u64 {
    hash_str(name)
}

fn hash_str(s: &str) -> u64 {
    const SEED: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = s.len() as u64;
    let bytes = s.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(SEED);
    // Spread the high bits down: the index uses the low bits.
    h ^ (h >> 32)
}

/// CPython's hash of an int: the value modulo 2**61 - 1, with the sign kept.
fn hash_i64(i: i64) -> u64 {
    let magnitude = i.unsigned_abs() % HASH_MODULUS;
    let h = if i < 0 {
        (magnitude as i64).wrapping_neg()
    } else {
        magnitude as i64
    };
    if h == -1 {
        -2i64 as u64
    } else {
        h as u64
    }
}

fn hash_bigint(b: &BigInt) -> u64 {
    let modulus = BigInt::from(HASH_MODULUS);
    let magnitude = (b.magnitude() % modulus.magnitude()).to_u64().unwrap_or(0);
    let h = if b.sign() == Sign::Minus {
        (magnitude as i64).wrapping_neg()
    } else {
        magnitude as i64
    };
    if h == -1 {
        -2i64 as u64
    } else {
        h as u64
    }
}

fn hash_float(x: f64) -> u64 {
    if x.fract() == 0.0 && x.is_finite() {
        if x.abs() < 9.0e18 {
            return hash_i64(x as i64);
        }
        if let Some(b) = float_to_bigint(x) {
            return hash_bigint(&b);
        }
    }
    x.to_bits().rotate_left(17)
}

/// The exact integer value of an integral float.
pub fn float_to_bigint(x: f64) -> Option<BigInt> {
    if !x.is_finite() {
        return None;
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    let mantissa = if exponent == 0 {
        (bits & ((1 << 52) - 1)) << 1
    } else {
        (bits & ((1 << 52) - 1)) | (1 << 52)
    };
    let shift = exponent - 1075;
    let mut value = BigInt::from(mantissa);
    if shift >= 0 {
        value <<= shift as usize;
    } else {
        value >>= (-shift) as usize;
    }
    if x < 0.0 {
        value = -value;
    }
    if value.is_zero() {
        return Some(BigInt::zero());
    }
    Some(value)
}

/// Python equality for keys of built-in types; identity for everything else.
pub fn keys_equal(a: &Value, b: &Value) -> bool {
    crate::ops::builtin_eq(a, b).unwrap_or_else(|| a.is(b))
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use crate::dict::{name_hash, Dict};
    use crate::value::Value;

    #[test]
    fn names_with_known_hashes_meet_keys_stored_any_way() {
        let mut namespace = Dict::new();
        // Stored by a dict operation, under another string than the code's.
        namespace
            .insert(Value::str("total"), Value::Int(1))
            .unwrap();
        let name: Rc<str> = Rc::from("total");
        let hash = name_hash(&name);
        assert_eq!(namespace.get_name(&name, hash), Some(Value::Int(1)));
        // Rebinding keeps one entry, in its place.
        namespace.insert_name(&name, hash, Value::Int(2));
        namespace.insert_name(&Rc::from("i"), name_hash("i"), Value::Int(3));
        assert_eq!(namespace.len(), 2);
        assert_eq!(namespace.get_str("total"), Some(Value::Int(2)));
        assert_eq!(
            namespace.get(&Value::str("i")).unwrap(),
            Some(Value::Int(3))
        );
        assert_eq!(namespace.get_name("missing", name_hash("missing")), None);
    }
}
