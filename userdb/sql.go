package userdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
)

// Defaults of [SQLOptions].
const (
	DefaultQueryTimeout    = 5 * time.Second
	DefaultMaxOpenConns    = 4
	DefaultMaxIdleConns    = 2
	DefaultConnMaxLifetime = 5 * time.Minute
)

// SQLOptions configures an [SQL] backend. Driver, DSN and UserQuery are
// required; every other zero value selects the documented default.
type SQLOptions struct {
	Options
	// Driver names the database: "sqlite" (alias "sqlite3"), "pgsql"
	// (aliases "postgres", "postgresql", "pgx") or "mysql" (alias
	// "mariadb"). The database/sql driver must be linked into the program:
	// import one of the packages userdb/sqlite, userdb/postgres or
	// userdb/mysql for its side effect.
	Driver string
	// DSN is the driver's own connection string: a file name or "file:"
	// URI for SQLite, a URL or "host=... dbname=..." for PostgreSQL,
	// "user:pass@tcp(host:3306)/db" for MySQL.
	DSN string
	// UserQuery is a Dovecot 2.3 user_query, pasted as is: "SELECT home,
	// uid, gid FROM users WHERE userid = '%u'". Its %-variables become
	// bound parameters (see the package documentation).
	UserQuery string
	// IterateQuery is a Dovecot iterate_query returning a "user" column or
	// "username" and "domain" columns; empty disables [SQL.Users].
	IterateQuery string
	// QueryTimeout bounds each query, connection set-up included; zero
	// means DefaultQueryTimeout.
	QueryTimeout time.Duration
	// MaxOpenConns and MaxIdleConns bound the connection pool; zero means
	// DefaultMaxOpenConns and DefaultMaxIdleConns.
	MaxOpenConns, MaxIdleConns int
	// ConnMaxLifetime closes connections older than this; zero means
	// DefaultConnMaxLifetime.
	ConnMaxLifetime time.Duration
}

// SQL is a user database in SQLite, PostgreSQL or MySQL/MariaDB, queried
// with Dovecot-style queries. It is safe for concurrent use.
type SQL struct {
	db      *sqlx.DB
	name    string
	user    boundQuery
	typed   *boundQuery // PostgreSQL: user with "$n::text" placeholders
	iterate *boundQuery
	timeout time.Duration
	addr    AddressOptions
	res     resolver

	// stmt is the user query prepared once, for SQLite and MySQL (with
	// PostgreSQL, pgx caches prepared statements per connection itself and
	// handles schema changes). Nil until the first lookup succeeds in
	// preparing it; the server re-prepares it after a schema change.
	stmt     atomic.Pointer[sqlx.Stmt]
	prepared bool // whether to use stmt

	// useTyped is set once PostgreSQL could not infer a parameter's type
	// (SQLSTATE 42P18) in user; from then on typed is used instead.
	useTyped atomic.Bool
}

var (
	_ DB       = (*SQL)(nil)
	_ Iterator = (*SQL)(nil)
)

type driverInfo struct {
	name    string
	dialect dialect
}

var driverNames = map[string]driverInfo{
	"sqlite": {"sqlite", dialectSQLite}, "sqlite3": {"sqlite", dialectSQLite},
	"pgsql": {"pgx", dialectPostgres}, "postgres": {"pgx", dialectPostgres},
	"postgresql": {"pgx", dialectPostgres}, "pgx": {"pgx", dialectPostgres},
	"mysql": {"mysql", dialectMySQL}, "mariadb": {"mysql", dialectMySQL},
}

var linkPackage = map[dialect]string{dialectSQLite: "sqlite", dialectPostgres: "postgres", dialectMySQL: "mysql"}

// linked reports an error naming the package to import when the
// database/sql driver is not registered.
func (di driverInfo) linked() error {
	if slices.Contains(sql.Drivers(), di.name) {
		return nil
	}
	return fmt.Errorf("userdb: SQL driver %q is not linked in: import _ \"github.com/letterbox-mail/letterbox/userdb/%s\"",
		di.name, linkPackage[di.dialect])
}

// NewSQL checks the options, rewrites the queries and prepares a
// connection pool. It does not connect: an unreachable database shows up
// as a [*BackendError] from Lookup, so a program can start while the
// database is down.
func NewSQL(o SQLOptions) (*SQL, error) {
	di, ok := driverNames[strings.ToLower(o.Driver)]
	if !ok {
		return nil, fmt.Errorf("userdb: unknown SQL driver %q (want sqlite, pgsql or mysql)", o.Driver)
	}
	if err := di.linked(); err != nil {
		return nil, err
	}
	s := &SQL{name: "sql(" + di.dialect.String() + ")", addr: o.AddressOptions,
		timeout: orDefault(o.QueryTimeout, DefaultQueryTimeout), prepared: di.dialect != dialectPostgres}
	if err := s.prepare(o, di.dialect); err != nil {
		return nil, err
	}
	db, err := sqlx.Open(di.name, o.DSN)
	if err != nil {
		return nil, &BackendError{Backend: s.name, Op: "open", Err: err}
	}
	db.SetMaxOpenConns(orDefault(o.MaxOpenConns, DefaultMaxOpenConns))
	db.SetMaxIdleConns(orDefault(o.MaxIdleConns, DefaultMaxIdleConns))
	db.SetConnMaxLifetime(orDefault(o.ConnMaxLifetime, DefaultConnMaxLifetime))
	s.db = db
	return s, nil
}

func (s *SQL) prepare(o SQLOptions, d dialect) error {
	var err error
	if strings.TrimSpace(o.UserQuery) == "" {
		return errors.New("userdb: UserQuery is empty")
	}
	if s.user, err = rewriteSQL(o.UserQuery, d); err != nil {
		return fmt.Errorf("userdb: UserQuery: %w", err)
	}
	if d == dialectPostgres {
		typed, err := rewrite(o.UserQuery, d, true)
		if err != nil {
			return fmt.Errorf("userdb: UserQuery: %w", err)
		}
		s.typed = &typed
	}
	if o.IterateQuery != "" {
		q, err := rewriteSQL(o.IterateQuery, d)
		if err != nil {
			return fmt.Errorf("userdb: IterateQuery: %w", err)
		}
		if len(q.args) > 0 {
			return errors.New("userdb: IterateQuery cannot use %-variables")
		}
		s.iterate = &q
	}
	s.res, err = newResolver(o.Options)
	return err
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Close closes the connection pool.
func (s *SQL) Close() error {
	if st := s.stmt.Swap(nil); st != nil {
		st.Close()
	}
	return s.db.Close()
}

// query runs the user query, through the prepared statement when there
// is one.
func (s *SQL) query(ctx context.Context, args []any) (*sqlx.Rows, error) {
	if !s.prepared {
		text := s.user.text
		if s.useTyped.Load() {
			text = s.typed.text
		}
		return s.db.QueryxContext(ctx, text, args...)
	}
	st := s.stmt.Load()
	if st == nil {
		p, err := s.db.PreparexContext(ctx, s.user.text)
		if err != nil {
			return nil, err
		}
		if st = p; !s.stmt.CompareAndSwap(nil, p) {
			p.Close()
			st = s.stmt.Load()
		}
	}
	return st.QueryxContext(ctx, args...)
}

// Lookup implements [DB]. With a detail, the full address is tried first,
// then the address without the detail, so it may run two queries.
func (s *SQL) Lookup(ctx context.Context, address string) (User, error) {
	a, err := ParseAddress(address, s.addr)
	if err != nil {
		return User{}, err
	}
	return lookupDetail(ctx, a, s.find)
}

func (s *SQL) find(ctx context.Context, a Address) (User, error) {
	qctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	args := s.user.bind(varsOf(a))
	rows, err := s.query(qctx, args)
	if s.retry(err) {
		rows, err = s.query(qctx, args)
	}
	if err != nil {
		return User{}, s.fail(ctx, "lookup", err)
	}
	defer rows.Close()
	recs, err := scanRecords(rows, 2)
	if err != nil {
		return User{}, s.fail(ctx, "lookup", err)
	}
	switch len(recs) {
	case 0:
		return User{}, ErrNotFound
	case 1:
		u, err := s.res.user(a, recs[0])
		if err != nil {
			return User{}, fmt.Errorf("userdb: %s: user %q: %w", s.name, a, err)
		}
		return u, nil
	}
	return User{}, fmt.Errorf("userdb: %s: user %q: %w", s.name, a, ErrAmbiguous)
}

// fail wraps err as a BackendError and says when our own timeout fired.
func (s *SQL) fail(ctx context.Context, op string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		err = fmt.Errorf("query timeout %v: %w", s.timeout, err)
	}
	return &BackendError{Backend: s.name, Op: op, Err: err}
}

// Users implements [Iterator] with IterateQuery; without one it returns
// an error wrapping errors.ErrUnsupported.
func (s *SQL) Users(ctx context.Context) ([]string, error) {
	if s.iterate == nil {
		return nil, fmt.Errorf("userdb: %s: no IterateQuery: %w", s.name, errors.ErrUnsupported)
	}
	qctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	rows, err := s.db.QueryxContext(qctx, s.iterate.text)
	if err != nil {
		return nil, s.fail(ctx, "iterate", err)
	}
	defer rows.Close()
	recs, err := scanRecords(rows, -1)
	if err != nil {
		return nil, s.fail(ctx, "iterate", err)
	}
	return iterateNames(s.name, recs)
}

// iterateNames takes "user", or "username" and "domain", from each record.
func iterateNames(backend string, recs []record) ([]string, error) {
	names := make([]string, 0, len(recs))
	for _, r := range recs {
		name := r["user"]
		if name == "" && r["username"] != "" {
			name = Address{Local: r["username"], Domain: r["domain"]}.String()
		}
		if name == "" {
			return nil, fmt.Errorf("userdb: %s: iterate: row without user or username: %w", backend, ErrIncomplete)
		}
		names = append(names, name)
	}
	return names, nil
}

// scanRecords reads up to max rows (all when max < 0). NULL columns are
// left out, as Dovecot does.
func scanRecords(rows *sqlx.Rows, max int) ([]record, error) {
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var recs []record
	for (max < 0 || len(recs) < max) && rows.Next() {
		vals, err := rows.SliceScan()
		if err != nil {
			return nil, err
		}
		rec := make(record, len(cols))
		for i, v := range vals {
			if s, ok := sqlString(v); ok {
				rec.set(cols[i], s)
			}
		}
		recs = append(recs, rec)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return recs, rows.Close()
}

// retry reports whether a failed PostgreSQL query is worth one more try:
// after "cached plan must not change result type" (SQLSTATE 0A000, a
// statement cached before an ALTER TABLE; pgx then drops it from its
// cache), or after "could not determine data type of parameter" (42P18,
// e.g. concat('%d', '/')), which switches to the typed query for good.
func (s *SQL) retry(err error) bool {
	var st interface{ SQLState() string }
	if !errors.As(err, &st) {
		return false
	}
	switch st.SQLState() {
	case "0A000":
		return true
	case "42P18":
		return s.typed != nil && !s.useTyped.Swap(true)
	}
	return false
}
