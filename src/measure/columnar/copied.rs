//! `enrich` from Parquet to Parquet without decoding the input's columns:
//! only the coordinates are read, and each row group of the output is the
//! input's, its columns copied byte for byte (encodings, compression,
//! statistics and page index kept; bloom filters are not), with the added
//! columns encoded after them.
//!
//! Decoding every column only to encode it again cost 11 % of the
//! instructions of the whole `enrich` on the standard points (seven
//! columns; callgrind, the first 131,072), and the more columns a table
//! carries beside its coordinates, the more it costs. `parquet`'s own
//! `append_column` does the copying; row groups and column chunks are the
//! crate's, not ours.
//!
//! The added columns of a row group are held encoded in memory until the
//! row group is written, so row groups are copied only up to
//! [`MOST_ROWS_COPIED`] rows (a million: up to 32 MB of added columns for
//! each target); files with larger ones are decoded and written in row
//! groups of 64 Ki rows, in constant memory, as Arrow files are.

use super::{Coordinates, BATCH_ROWS};
use crate::base::error::{Error, Result};
use crate::base::files::OutputWriter;
use arrow_array::ArrayRef;
use arrow_schema::{ArrowError, Schema, SchemaRef};
use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ParquetRecordBatchReaderBuilder};
use parquet::arrow::arrow_writer::{compute_leaves, ArrowColumnWriter, ArrowRowGroupWriterFactory};
use parquet::arrow::{add_encoded_arrow_schema_to_metadata, ArrowSchemaConverter, ProjectionMask};
use parquet::column::writer::ColumnCloseResult;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::fs::File;
use std::sync::Arc;

/// Row groups of at most this many rows are copied.
pub(super) const MOST_ROWS_COPIED: i64 = 1 << 20;

/// A Parquet file whose row groups can be copied.
pub(super) struct Copyable {
    file: File,
    metadata: ArrowReaderMetadata,
}

impl Copyable {
    /// `file`, whose metadata is `metadata`, when every row group is small
    /// enough to copy; `None` sends the caller down the decoding path.
    pub(super) fn new(file: File, metadata: ArrowReaderMetadata) -> Option<Copyable> {
        let small = metadata
            .metadata()
            .row_groups()
            .iter()
            .all(|g| g.num_rows() <= MOST_ROWS_COPIED);
        small.then_some(Copyable { file, metadata })
    }

    /// The coordinates' columns alone, one row group after another (no
    /// batch spans two), and where the coordinates are in those batches.
    pub(super) fn coordinates(
        &self,
        coordinates: &Coordinates,
        name: &str,
    ) -> Result<(super::Batches, Coordinates)> {
        let (roots, projected) = coordinates.projected();
        let mask = ProjectionMask::roots(self.metadata.parquet_schema(), roots);
        let (file, metadata) = (self.file.try_clone(), self.metadata.clone());
        let file = file.map_err(|e| Error::Input(format!("{name}: {e}")))?;
        let groups = metadata.metadata().num_row_groups();
        let batches = (0..groups).flat_map(move |group| {
            let reader = file.try_clone().map_err(ArrowError::from).and_then(|file| {
                ParquetRecordBatchReaderBuilder::new_with_metadata(file, metadata.clone())
                    .with_projection(mask.clone())
                    .with_row_groups(vec![group])
                    .with_batch_size(BATCH_ROWS)
                    .build()
                    .map_err(ArrowError::from)
            });
            let batches: Box<dyn Iterator<Item = _> + Send> = match reader {
                Ok(reader) => Box::new(reader),
                Err(e) => Box::new(std::iter::once(Err(e))),
            };
            batches
        });
        Ok((Box::new(batches), projected))
    }
}

/// The output: the input's row groups, each with the added columns.
pub(super) struct CopyingWriter {
    writer: SerializedFileWriter<OutputWriter>,
    added: ArrowRowGroupWriterFactory,
    added_fields: SchemaRef,
    input: Copyable,
    /// The row group being written: its number, the added columns' writers
    /// and the rows they hold.
    group: usize,
    columns: Option<Vec<ArrowColumnWriter>>,
    rows: i64,
}

impl CopyingWriter {
    /// `schema`: the output's (the input's fields, then `added_fields`);
    /// `properties` as the decoding path writes with.
    pub(super) fn create(
        writer: OutputWriter,
        input: Copyable,
        schema: &Schema,
        added_fields: SchemaRef,
        mut properties: WriterProperties,
    ) -> std::result::Result<CopyingWriter, String> {
        let fail = |e: parquet::errors::ParquetError| e.to_string();
        // The added columns as Parquet types, converted as `ArrowWriter`
        // converts them; the input's types as the input has them.
        let converter = ArrowSchemaConverter::new().with_coerce_types(properties.coerce_types());
        let added = converter.convert(&added_fields).map_err(fail)?;
        let input_root = input.metadata.parquet_schema().root_schema();
        let mut fields = input_root.get_fields().to_vec();
        fields.extend(added.root_schema().get_fields().iter().cloned());
        let root = Type::group_type_builder(input_root.name())
            .with_fields(fields)
            .build()
            .map_err(fail)?;
        // A second writer, never written to, makes the added columns'
        // writers: the first would make one for every column.
        let added_writer = SerializedFileWriter::new(
            std::io::sink(),
            added.root_schema_ptr(),
            Arc::new(properties.clone()),
        )
        .map_err(fail)?;
        let added_factory = ArrowRowGroupWriterFactory::new(&added_writer, added_fields.clone());
        add_encoded_arrow_schema_to_metadata(schema, &mut properties);
        let writer = SerializedFileWriter::new(writer, Arc::new(root), Arc::new(properties))
            .map_err(fail)?;
        Ok(CopyingWriter {
            writer,
            added: added_factory,
            added_fields,
            input,
            group: 0,
            columns: None,
            rows: 0,
        })
    }

    /// Adds a batch's added columns (`rows` rows) to the row group being
    /// written, and writes the row group once they hold all its rows.
    pub(super) fn write(
        &mut self,
        rows: usize,
        added: Vec<ArrayRef>,
    ) -> parquet::errors::Result<()> {
        if self.columns.is_none() {
            self.columns = Some(self.added.create_column_writers(self.group)?);
        }
        let writers = self.columns.as_mut().expect("made above");
        for ((writer, field), column) in writers
            .iter_mut()
            .zip(self.added_fields.fields())
            .zip(&added)
        {
            for leaf in compute_leaves(field, column)? {
                writer.write(&leaf)?;
            }
        }
        self.rows += rows as i64;
        self.finish_groups_written()
    }

    /// Writes the row groups whose rows the added columns hold (empty input
    /// row groups are passed over: they have no batches).
    fn finish_groups_written(&mut self) -> parquet::errors::Result<()> {
        let metadata = self.input.metadata.metadata().clone();
        let groups = metadata.row_groups();
        while self.group < groups.len() && self.rows >= groups[self.group].num_rows() {
            if groups[self.group].num_rows() > 0 {
                self.write_group()?;
            }
            self.rows -= groups[self.group].num_rows();
            self.group += 1;
        }
        Ok(())
    }

    /// The input's columns of the current row group, copied, then the
    /// added ones.
    fn write_group(&mut self) -> parquet::errors::Result<()> {
        let metadata = self.input.metadata.metadata().clone();
        let group = metadata.row_group(self.group);
        let index = metadata.page_index_for_row_group(self.group);
        let mut out = self.writer.next_row_group()?;
        for (c, column) in group.columns().iter().enumerate() {
            out.append_column(
                &self.input.file,
                ColumnCloseResult {
                    bytes_written: column.compressed_size() as u64,
                    rows_written: group.num_rows() as u64,
                    metadata: column.clone(),
                    bloom_filter: None,
                    column_index: index.column_index(c).cloned(),
                    offset_index: index.offset_index(c).cloned(),
                },
            )?;
        }
        for writer in self.columns.take().unwrap_or_default() {
            writer.close()?.append_to_row_group(&mut out)?;
        }
        out.close()?;
        Ok(())
    }

    /// The finished file, ready to commit.
    pub(super) fn finish(mut self) -> parquet::errors::Result<OutputWriter> {
        self.finish_groups_written()?;
        self.writer.into_inner()
    }
}
