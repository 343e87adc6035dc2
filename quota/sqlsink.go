package quota

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"time"
)

// SQL dialects understood by SQLSink.
const (
	DialectPostgres = "postgres" // PostgreSQL, e.g. through pgx's stdlib driver
	DialectMySQL    = "mysql"    // MySQL and MariaDB
	DialectSQLite   = "sqlite"   // SQLite 3.24 or later
)

// DefaultSQLTable is the table of Modoboa's Dovecot quota dict.
const DefaultSQLTable = "admin_quota"

// SQLSinkOptions configures an SQLSink.
type SQLSinkOptions struct {
	// Dialect is DialectPostgres, DialectMySQL or DialectSQLite.
	Dialect string
	// Table is the table name; empty means DefaultSQLTable. It must be a
	// plain identifier (letters, digits, '_').
	Table string
	// Timeout bounds each update; zero means 5 seconds.
	Timeout time.Duration
}

// SQLSink is a UsageSink that keeps usage in an SQL table with the columns
// of Modoboa's admin_quota: username (primary key), bytes, messages. Each
// report upserts the row. It is safe for concurrent use.
type SQLSink struct {
	db      *sql.DB
	upsert  string
	create  string
	timeout time.Duration
}

var _ UsageSink = (*SQLSink)(nil)

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,62}$`)

// NewSQLSink returns an SQLSink writing through db, which the caller owns
// and closes.
func NewSQLSink(db *sql.DB, opts SQLSinkOptions) (*SQLSink, error) {
	t := opts.Table
	if t == "" {
		t = DefaultSQLTable
	}
	if !identRE.MatchString(t) {
		return nil, fmt.Errorf("quota: sql table name %q is not a plain identifier", t)
	}
	s := &SQLSink{db: db, timeout: opts.Timeout}
	if s.timeout == 0 {
		s.timeout = 5 * time.Second
	}
	s.create = "CREATE TABLE IF NOT EXISTS " + t +
		" (username VARCHAR(254) NOT NULL PRIMARY KEY, bytes BIGINT NOT NULL DEFAULT 0, messages INTEGER NOT NULL DEFAULT 0)"
	switch opts.Dialect {
	case DialectPostgres:
		s.upsert = "INSERT INTO " + t + " (username, bytes, messages) VALUES ($1, $2, $3)" +
			" ON CONFLICT (username) DO UPDATE SET bytes = EXCLUDED.bytes, messages = EXCLUDED.messages"
	case DialectSQLite:
		s.upsert = "INSERT INTO " + t + " (username, bytes, messages) VALUES (?, ?, ?)" +
			" ON CONFLICT (username) DO UPDATE SET bytes = excluded.bytes, messages = excluded.messages"
	case DialectMySQL:
		s.upsert = "INSERT INTO " + t + " (username, bytes, messages) VALUES (?, ?, ?)" +
			" ON DUPLICATE KEY UPDATE bytes = VALUES(bytes), messages = VALUES(messages)"
	default:
		return nil, fmt.Errorf("quota: unknown sql dialect %q", opts.Dialect)
	}
	return s, nil
}

// CreateTable creates the table if it does not exist, with Modoboa's
// columns.
func (s *SQLSink) CreateTable(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, s.create); err != nil {
		return fmt.Errorf("quota: create table: %w", err)
	}
	return nil
}

// ReportUsage upserts the usage of user.
func (s *SQLSink) ReportUsage(ctx context.Context, user string, u Usage) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	if _, err := s.db.ExecContext(ctx, s.upsert, user, u.Bytes, u.Messages); err != nil {
		return fmt.Errorf("quota: store usage of %q: %w", user, err)
	}
	return nil
}
