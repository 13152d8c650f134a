//! Step 3 of reading: which column holds which field.
//!
//! Headers are matched by meaning ([`Field::from_header`], with the aliases
//! listed once in the model). Unknown columns are kept aside and listed in the
//! summary so nobody wonders where a column went.

use crate::error::Error;
use crate::model::{normalize_header, Field};

/// Where each field is in the table, and what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ColumnMap {
    index: [Option<usize>; 13],
    /// The header text of each recognised field, in field order.
    pub found: Vec<(Field, String)>,
    /// Header cells that matched no field (empty ones are shown by position).
    pub unknown: Vec<String>,
    /// Header cells that named a field already taken by an earlier column.
    pub duplicates: Vec<String>,
}

impl ColumnMap {
    /// Maps header cells to fields, applying hand-made mappings first.
    pub(crate) fn resolve(
        headers: &[&str],
        overrides: &[(Field, String)],
    ) -> Result<ColumnMap, Error> {
        let mut map = ColumnMap::default();
        let mut taken = vec![false; headers.len()];
        for (field, wanted) in overrides {
            let key = normalize_header(wanted);
            let pos = headers
                .iter()
                .position(|h| normalize_header(h) == key)
                .ok_or_else(|| Error::MappedColumnMissing {
                    field: *field,
                    header: wanted.clone(),
                })?;
            map.index[*field as usize] = Some(pos);
            taken[pos] = true;
        }
        for (i, h) in headers.iter().enumerate() {
            if taken[i] {
                continue;
            }
            match Field::from_header(h) {
                Some(f) if map.index[f as usize].is_none() => map.index[f as usize] = Some(i),
                Some(_) => map.duplicates.push(h.trim().to_string()),
                None if h.trim().is_empty() => map.unknown.push(format!("#{}", i + 1)),
                None => map.unknown.push(h.trim().to_string()),
            }
        }
        map.found = Field::ALL
            .iter()
            .filter_map(|&f| map.index[f as usize].map(|i| (f, headers[i].trim().to_string())))
            .collect();
        Ok(map)
    }

    /// The column index of a field.
    pub fn get(&self, field: Field) -> Option<usize> {
        self.index[field as usize]
    }

    /// The field a column holds, if any.
    pub fn field_at(&self, column: usize) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|&f| self.get(f) == Some(column))
    }

    /// Whether the file has this field.
    pub fn has(&self, field: Field) -> bool {
        self.get(field).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_headers_with_accents() {
        let h = [
            "ID",
            "Empresa",
            "Teléfono",
            "Límite Mensajes",
            "Fecha Fin Trial",
            "Estado Suscripción",
            "Último Pago",
        ];
        let m = ColumnMap::resolve(&h, &[]).unwrap();
        assert_eq!(m.get(Field::TenantId), Some(0));
        assert_eq!(m.get(Field::TenantName), Some(1));
        assert_eq!(m.get(Field::OwnerPhone), Some(2));
        assert_eq!(m.get(Field::MessagesLimit), Some(3));
        assert_eq!(m.get(Field::TrialEndsAt), Some(4));
        assert_eq!(m.get(Field::SubscriptionStatus), Some(5));
        assert_eq!(m.get(Field::LastPaymentStatus), Some(6));
        assert!(m.unknown.is_empty());
    }

    #[test]
    fn unknown_empty_and_duplicate_headers_are_listed() {
        let m = ColumnMap::resolve(&["id", "Notas", "", "tenant_id"], &[]).unwrap();
        assert_eq!(m.get(Field::TenantId), Some(0));
        assert_eq!(m.unknown, vec!["Notas".to_string(), "#3".to_string()]);
        assert_eq!(m.duplicates, vec!["tenant_id".to_string()]);
    }

    #[test]
    fn overrides_take_a_column_by_hand() {
        let o = vec![(Field::TrialEndsAt, "Vence el".to_string())];
        let m = ColumnMap::resolve(&["id", "vence el", "trial_end"], &o).unwrap();
        assert_eq!(m.get(Field::TrialEndsAt), Some(1));
        assert_eq!(m.duplicates, vec!["trial_end".to_string()]);
        let o = vec![(Field::TrialEndsAt, "No existe".to_string())];
        assert!(matches!(
            ColumnMap::resolve(&["id"], &o),
            Err(Error::MappedColumnMissing { .. })
        ));
    }
}
