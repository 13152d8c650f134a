//! Step 3 of reading: which column holds which field.
//!
//! Headers are matched by meaning ([`Field::from_header`], with the aliases
//! listed once in the model). Unknown columns are kept aside and listed in the
//! summary so nobody wonders where a column went.

use crate::error::Error;
use crate::model::{normalize_header, split_note, Field};
use crate::options::ReportZone;

/// Where each field is in the table, and what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ColumnMap {
    index: [Option<usize>; Field::ALL.len()],
    /// The zone a field's date-times are written in, from its header's note
    /// (`Trial End (UTC)`); `None`: as written (a date-time without an
    /// offset keeps its calendar date).
    zones: [Option<ReportZone>; Field::ALL.len()],
    /// The header text of each recognised field, in field order.
    pub found: Vec<(Field, String)>,
    /// Header cells that matched no field (empty ones are shown by position).
    pub unknown: Vec<String>,
    /// Header cells that named a field another column feeds.
    pub duplicates: Vec<String>,
}

/// The zone a header's note names (`UTC`, `GMT`, `UTC-05:00`,
/// `America/Mexico_City`), if it names one.
fn note_zone(header: &str) -> Option<ReportZone> {
    split_note(header).1.and_then(|n| n.parse().ok())
}

impl ColumnMap {
    /// Maps header cells to fields, applying hand-made mappings first. When
    /// several columns name one field, the best-ranked one feeds it
    /// ([`Field::rank_header`]: a real column before a custom field, then
    /// the alias's place in the field's list, then the leftmost); the others
    /// are listed as duplicates.
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
        let ranked: Vec<Option<(Field, usize)>> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| {
                if taken[i] {
                    None
                } else {
                    Field::rank_header(h)
                }
            })
            .collect();
        let mut best: [Option<(usize, usize)>; Field::ALL.len()] = [None; Field::ALL.len()];
        for (i, r) in ranked.iter().enumerate() {
            if let Some((f, rank)) = *r {
                let slot = &mut best[f as usize];
                if map.index[f as usize].is_none() && slot.is_none_or(|(r0, _)| rank < r0) {
                    *slot = Some((rank, i));
                }
            }
        }
        for f in Field::ALL {
            if let Some((_, i)) = best[f as usize] {
                map.index[f as usize] = Some(i);
            }
        }
        for (i, h) in headers.iter().enumerate() {
            if taken[i] {
                continue;
            }
            match ranked[i] {
                Some((f, _)) if map.index[f as usize] == Some(i) => {}
                Some(_) => map.duplicates.push(h.trim().to_string()),
                None if h.trim().is_empty() => map.unknown.push(format!("#{}", i + 1)),
                None => map.unknown.push(h.trim().to_string()),
            }
        }
        for f in Field::ALL {
            if let Some(i) = map.index[f as usize] {
                map.zones[f as usize] = note_zone(headers[i]);
            }
        }
        map.found = Field::ALL
            .iter()
            .filter_map(|&f| map.index[f as usize].map(|i| (f, headers[i].trim().to_string())))
            .collect();
        Ok(map)
    }

    /// The zone the field's column writes its date-times in, when its
    /// header says (`Trial End (UTC)`).
    pub fn zone(&self, field: Field) -> Option<ReportZone> {
        self.zones[field as usize]
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
        let m = ColumnMap::resolve(&["id", "Notas", "", "tenant_id", "ID"], &[]).unwrap();
        // The better alias feeds the field, wherever it is; the others are
        // listed as duplicates.
        assert_eq!(m.get(Field::TenantId), Some(3));
        assert_eq!(m.unknown, vec!["Notas".to_string(), "#3".to_string()]);
        assert_eq!(m.duplicates, vec!["id".to_string(), "ID".to_string()]);
    }

    #[test]
    fn billing_exports_headers_rank_and_qualify() {
        let h = [
            "id",
            "Customer ID",
            "Customer Email (metadata)",
            "Customer Email",
            "Trial End (UTC-05:00)",
            "ejecutivo (metadata)",
        ];
        let m = ColumnMap::resolve(&h, &[]).unwrap();
        // The customer is the tenant, not the subscription's `id`.
        assert_eq!(m.get(Field::TenantId), Some(1));
        // A real column beats a custom field of the same name.
        assert_eq!(m.get(Field::OwnerEmail), Some(3));
        assert_eq!(m.get(Field::AccountExecutive), Some(5));
        assert_eq!(
            m.zone(Field::TrialEndsAt).map(|z| z.to_string()).as_deref(),
            Some("-05:00")
        );
        assert_eq!(m.zone(Field::OwnerEmail), None);
        assert_eq!(m.duplicates, ["id", "Customer Email (metadata)"]);
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
