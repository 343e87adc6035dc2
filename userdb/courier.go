package userdb

import (
	"errors"
	"strings"
)

// CourierFields holds the settings of a Courier authlib authmysqlrc (or
// authpgsqlrc) that name a user's columns, for admins who migrate from
// maildrop with Courier authentication. Each field is an SQL expression,
// as in authmysqlrc: a column ("maildir"), a constant ("'/var/vmail'",
// "1001") or an expression ("concat(quota,'S')").
type CourierFields struct {
	UserTable    string // MYSQL_USER_TABLE; required
	LoginField   string // MYSQL_LOGIN_FIELD; empty means "id"
	HomeField    string // MYSQL_HOME_FIELD; empty means "home"
	MaildirField string // MYSQL_MAILDIR_FIELD; empty: no maildir column
	QuotaField   string // MYSQL_QUOTA_FIELD; empty: no quota column
	UIDField     string // MYSQL_UID_FIELD; empty means "uid"
	GIDField     string // MYSQL_GID_FIELD; empty means "gid"
	WhereClause  string // MYSQL_WHERE_CLAUSE; ANDed to the login match
}

// UserQuery returns the equivalent Dovecot-style user query for
// [SQLOptions].UserQuery. The login field is compared with the whole
// address (%u), as authlib compares it with the login name; the query is
// rewritten with bound parameters like any other. MYSQL_SELECT_CLAUSE
// (a custom query with positional columns) has no equivalent: write a
// user_query that names its columns home, maildir, quota, uid and gid.
func (c CourierFields) UserQuery() (string, error) {
	if strings.TrimSpace(c.UserTable) == "" {
		return "", errors.New("userdb: CourierFields: UserTable is empty")
	}
	cols := []string{or(c.HomeField, "home") + " AS home"}
	if c.MaildirField != "" {
		cols = append(cols, c.MaildirField+" AS maildir")
	}
	if c.QuotaField != "" {
		cols = append(cols, c.QuotaField+" AS quota")
	}
	cols = append(cols, or(c.UIDField, "uid")+" AS uid", or(c.GIDField, "gid")+" AS gid")
	q := "SELECT " + strings.Join(cols, ", ") + " FROM " + c.UserTable +
		" WHERE " + or(c.LoginField, "id") + " = '%u'"
	if strings.TrimSpace(c.WhereClause) != "" {
		q += " AND (" + c.WhereClause + ")"
	}
	return q, nil
}

func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
