// Versioned DuckDB migrations. Append new entries; never edit an applied one.

export interface Migration {
  version: number;
  description: string;
  sql: string[];
}

export const migrations: Migration[] = [
  {
    version: 1,
    description: 'runs, results, suites, targets, price snapshots, audit log, probes',
    sql: [
      `CREATE TABLE IF NOT EXISTS suites (
        id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        content_hash VARCHAR,
        item_count INTEGER,
        scorer VARCHAR,
        personal_data BOOLEAN NOT NULL DEFAULT false,
        licence VARCHAR,
        source VARCHAR,
        loaded_at TIMESTAMP NOT NULL DEFAULT current_timestamp
      )`,
      `CREATE TABLE IF NOT EXISTS targets (
        id VARCHAR PRIMARY KEY,
        route VARCHAR NOT NULL,
        provider VARCHAR NOT NULL,
        tier INTEGER,
        region VARCHAR,
        settings JSON,
        updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
      )`,
      `CREATE TABLE IF NOT EXISTS price_snapshots (
        id VARCHAR PRIMARY KEY,
        route VARCHAR NOT NULL,
        currency VARCHAR NOT NULL,
        input_per_mtok DOUBLE,
        output_per_mtok DOUBLE,
        cache_read_per_mtok DOUBLE,
        cache_write_per_mtok DOUBLE,
        batch_price_factor DOUBLE,
        usd_per_eur DOUBLE,
        source VARCHAR,
        as_of DATE,
        taken_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        used_by VARCHAR
      )`,
      `CREATE TABLE IF NOT EXISTS runs (
        id VARCHAR PRIMARY KEY,
        suite_id VARCHAR NOT NULL,
        target_id VARCHAR NOT NULL,
        route VARCHAR,
        tier INTEGER,
        status VARCHAR NOT NULL,
        status_reason VARCHAR,
        started_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        finished_at TIMESTAMP,
        options JSON,
        summary JSON,
        synthetic BOOLEAN NOT NULL DEFAULT false,
        hardware JSON,
        price_snapshot_id VARCHAR
      )`,
      `CREATE TABLE IF NOT EXISTS results (
        run_id VARCHAR NOT NULL,
        item_id VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 1,
        output VARCHAR,
        error VARCHAR,
        error_kind VARCHAR,
        expected JSON,
        prompt JSON,
        finish_reason VARCHAR,
        started_at TIMESTAMP,
        ttft_ms DOUBLE,
        tpot_ms DOUBLE,
        e2e_ms DOUBLE,
        itl_ms JSON,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cache_read_tokens INTEGER,
        cache_write_tokens INTEGER,
        cost_eur DOUBLE,
        score DOUBLE,
        scores JSON,
        server_timing JSON,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        PRIMARY KEY (run_id, item_id)
      )`,
      `CREATE SEQUENCE IF NOT EXISTS audit_seq START 1`,
      `CREATE TABLE IF NOT EXISTS audit_log (
        id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
        occurred_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        event VARCHAR NOT NULL,
        run_id VARCHAR,
        target VARCHAR,
        route VARCHAR,
        region VARCHAR,
        tier INTEGER,
        input_tokens INTEGER,
        output_tokens INTEGER,
        latency_ms DOUBLE,
        status VARCHAR,
        detail JSON
      )`,
      `CREATE TABLE IF NOT EXISTS probes (
        id VARCHAR PRIMARY KEY,
        target VARCHAR NOT NULL,
        model VARCHAR,
        synthetic BOOLEAN NOT NULL DEFAULT false,
        hardware JSON,
        prompt_tokens INTEGER,
        output_tokens INTEGER,
        points JSON NOT NULL,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
      )`
    ]
  }
];

export const latestSchemaVersion = migrations[migrations.length - 1].version;
