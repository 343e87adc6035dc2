package userdb

import (
	"fmt"
	"strconv"
	"strings"
)

// SQLOptions returns options for [NewSQL] with Driver, DSN, UserQuery and
// IterateQuery taken from c and the other fields from base. The connect
// string is translated to the driver's DSN:
//
//   - pgsql: passed to pgx, which reads libpq "key=value" strings, after
//     Dovecot's own maxconns=N is removed and used as MaxOpenConns;
//   - mysql: host, port, user, password and dbname become
//     "user:password@tcp(host:port)/dbname" (a host starting with "/" is a
//     Unix socket; the port defaults to 3306, and localhost is reached over
//     TCP); other keys (ssl_*, option_file, ...) are refused: write the DSN
//     in go-sql-driver/mysql's format instead;
//   - sqlite: the connect string is the database file.
//
// Values are split at white space, so quoted values with spaces inside
// are not supported.
func (c DovecotSQLConf) SQLOptions(base SQLOptions) (SQLOptions, error) {
	o := base
	o.Driver, o.UserQuery, o.IterateQuery = c.Driver, c.UserQuery, c.IterateQuery
	var err error
	switch di := driverNames[strings.ToLower(c.Driver)]; di.dialect {
	case dialectPostgres:
		o.DSN, o.MaxOpenConns, err = pgsqlConnect(c.Connect, o.MaxOpenConns)
	case dialectMySQL:
		o.DSN, err = mysqlConnect(c.Connect)
	case dialectSQLite:
		o.DSN = c.Connect
	default:
		err = fmt.Errorf("unknown driver %q", c.Driver)
	}
	if err != nil {
		return SQLOptions{}, fmt.Errorf("userdb: dovecot SQL config: %w", err)
	}
	return o, nil
}

func pgsqlConnect(connect string, maxConns int) (string, int, error) {
	var kept []string
	for _, kv := range strings.Fields(connect) {
		v, ok := strings.CutPrefix(kv, "maxconns=")
		if !ok {
			kept = append(kept, kv)
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return "", 0, fmt.Errorf("bad maxconns %q", v)
		}
		maxConns = n
	}
	return strings.Join(kept, " "), maxConns, nil
}

func mysqlConnect(connect string) (string, error) {
	kv := map[string]string{"host": "localhost", "port": "3306"}
	for _, f := range strings.Fields(connect) {
		k, v, _ := strings.Cut(f, "=")
		switch k {
		case "host", "port", "user", "password", "dbname":
			kv[k] = v
		default:
			return "", fmt.Errorf("mysql connect setting %q is not supported: write a go-sql-driver/mysql DSN", k)
		}
	}
	addr := "tcp(" + kv["host"] + ":" + kv["port"] + ")"
	if strings.HasPrefix(kv["host"], "/") {
		addr = "unix(" + kv["host"] + ")"
	}
	cred := kv["user"]
	if kv["password"] != "" {
		cred += ":" + kv["password"]
	}
	if cred != "" {
		cred += "@"
	}
	return cred + addr + "/" + kv["dbname"], nil
}
