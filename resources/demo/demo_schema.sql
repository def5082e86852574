-- The bundled demo: a small sports-betting application's database (SQLite), the kind of
-- schema the incident reports in shared/seeds/ come from, with its Alembic project in
-- migrations/ (eight revisions, one branch and its merge). Statements end with ';' — the
-- demo writer splits on them.
--
-- It has drifted on purpose, like the incident reports: the version table says
-- 8b2c6d5e3f06 ran, yet games.external_game_key, its unique index and the
-- score_feed_sources table are missing; player_wellness_state.mood was widened by hand;
-- and someone already created what the pending head 9e3f06a4d7b8 creates
-- (system_heartbeats, player_wellness_state.updated_at), so its upgrade would fail.

CREATE TABLE leagues (
    id INTEGER PRIMARY KEY,
    code VARCHAR(16) NOT NULL,
    name VARCHAR(120) NOT NULL,
    country CHAR(2),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_leagues_code UNIQUE (code)
);

CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    league_id INTEGER NOT NULL REFERENCES leagues (id) ON DELETE CASCADE,
    name VARCHAR(120) NOT NULL,
    short_name VARCHAR(8),
    founded_year INTEGER CHECK (founded_year BETWEEN 1850 AND 2100),
    CONSTRAINT uq_teams_league_name UNIQUE (league_id, name)
);
CREATE INDEX ix_teams_league_id ON teams (league_id);

CREATE TABLE players (
    id INTEGER PRIMARY KEY,
    team_id INTEGER REFERENCES teams (id) ON DELETE SET NULL,
    first_name VARCHAR(80) NOT NULL,
    last_name VARCHAR(80) NOT NULL,
    birth_date DATE,
    position VARCHAR(20) NOT NULL DEFAULT 'unknown',
    jersey_number SMALLINT,
    is_active BOOLEAN NOT NULL DEFAULT 1,
    CONSTRAINT ck_players_position
        CHECK (position IN ('goalkeeper', 'defender', 'midfielder', 'forward', 'unknown'))
);
CREATE INDEX ix_players_team_id ON players (team_id);
CREATE INDEX ix_players_last_name_lower ON players (lower(last_name));

CREATE TABLE games (
    id INTEGER PRIMARY KEY,
    league_id INTEGER NOT NULL REFERENCES leagues (id),
    home_team_id INTEGER NOT NULL REFERENCES teams (id),
    away_team_id INTEGER NOT NULL REFERENCES teams (id),
    starts_at DATETIME NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'scheduled',
    home_score INTEGER,
    away_score INTEGER,
    venue VARCHAR(120),
    CONSTRAINT ck_games_distinct_teams CHECK (home_team_id <> away_team_id),
    CONSTRAINT ck_games_status CHECK (status IN ('scheduled', 'live', 'final', 'postponed'))
);
CREATE INDEX ix_games_starts_at ON games (starts_at DESC);
CREATE INDEX ix_games_league_status ON games (league_id, status);
CREATE INDEX ix_games_live ON games (starts_at) WHERE status = 'live';

CREATE TABLE game_events (
    id INTEGER PRIMARY KEY,
    game_id INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    minute INTEGER NOT NULL CHECK (minute >= 0),
    kind VARCHAR(24) NOT NULL,
    player_id INTEGER REFERENCES players (id) ON DELETE SET NULL,
    payload TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX ix_game_events_game_id_minute ON game_events (game_id, minute);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email VARCHAR(255) NOT NULL,
    display_name VARCHAR(80),
    password_hash VARCHAR(128) NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_login_at DATETIME
);
CREATE UNIQUE INDEX ux_users_email_lower ON users (lower(email));

CREATE TABLE wallets (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    balance NUMERIC(12, 2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
    currency CHAR(3) NOT NULL DEFAULT 'EUR'
);

CREATE TABLE parlays (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    stake NUMERIC(10, 2) NOT NULL CHECK (stake > 0),
    potential_payout NUMERIC(12, 2),
    status VARCHAR(12) NOT NULL DEFAULT 'open',
    placed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    settled_at DATETIME
);
CREATE INDEX ix_parlays_user_id_placed_at ON parlays (user_id, placed_at DESC);
CREATE INDEX ix_parlays_open ON parlays (placed_at) WHERE status = 'open';

CREATE TABLE parlay_legs (
    parlay_id INTEGER NOT NULL REFERENCES parlays (id) ON DELETE CASCADE,
    leg_no INTEGER NOT NULL,
    game_id INTEGER NOT NULL REFERENCES games (id),
    pick VARCHAR(16) NOT NULL,
    odds NUMERIC(6, 3) NOT NULL CHECK (odds > 1),
    result VARCHAR(8),
    CONSTRAINT pk_parlay_legs PRIMARY KEY (parlay_id, leg_no)
);
CREATE INDEX ix_parlay_legs_game_id ON parlay_legs (game_id);

CREATE TABLE player_wellness_state (
    player_id INTEGER PRIMARY KEY REFERENCES players (id) ON DELETE CASCADE,
    fatigue REAL CHECK (fatigue BETWEEN 0 AND 1),
    mood VARCHAR(32),
    recorded_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME
);

CREATE TABLE documents (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES users (id),
    parent_document_id VARCHAR(36) REFERENCES documents (id),
    title VARCHAR(200) NOT NULL,
    mime_type VARCHAR(100) NOT NULL DEFAULT 'application/pdf',
    size_bytes BIGINT NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX ix_documents_owner_id ON documents (owner_id);

CREATE TABLE document_share_links (
    id INTEGER PRIMARY KEY,
    document_id VARCHAR(36) NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    token VARCHAR(64) NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    expires_at DATETIME,
    CONSTRAINT uq_document_share_links_token UNIQUE (token)
);

CREATE TABLE system_heartbeats (
    worker_name VARCHAR(64) NOT NULL PRIMARY KEY,
    last_beat_at DATETIME NOT NULL,
    details JSON
);

CREATE VIEW upcoming_games AS
    SELECT g.id, g.starts_at, h.name AS home_team, a.name AS away_team
    FROM games g
    JOIN teams h ON h.id = g.home_team_id
    JOIN teams a ON a.id = g.away_team_id
    WHERE g.status = 'scheduled';

CREATE VIEW open_exposure AS
    SELECT user_id, COUNT(*) AS open_parlays, SUM(potential_payout) AS exposure
    FROM parlays WHERE status = 'open' GROUP BY user_id;

-- Alembic's bookkeeping: the database says it is at 8b2c6d5e3f06, one revision behind the
-- scripts' head (9e3f06a4d7b8) — the usual state after a deploy whose upgrade did not run.
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('8b2c6d5e3f06');

-- A little data, so the demo looks alive.
INSERT INTO leagues (id, code, name, country) VALUES
    (1, 'EPL', 'Premier League', 'GB'), (2, 'LIGA', 'La Liga', 'ES');
INSERT INTO teams (id, league_id, name, short_name, founded_year) VALUES
    (1, 1, 'Riverside Rovers', 'RIV', 1887), (2, 1, 'Northgate United', 'NGU', 1902),
    (3, 2, 'Costa Azul CF', 'CAZ', 1921), (4, 2, 'Sierra Norte', 'SNO', 1935);
INSERT INTO players (id, team_id, first_name, last_name, position, jersey_number) VALUES
    (1, 1, 'Sam', 'Okafor', 'forward', 9), (2, 1, 'Lena', 'Varga', 'goalkeeper', 1),
    (3, 2, 'Tom', 'Price', 'midfielder', 8), (4, 3, 'Iker', 'Sala', 'defender', 4);
INSERT INTO games (id, league_id, home_team_id, away_team_id, starts_at, status, home_score, away_score) VALUES
    (1, 1, 1, 2, '2026-11-20 19:45:00', 'final', 2, 1),
    (2, 1, 2, 1, '2026-11-28 15:00:00', 'scheduled', NULL, NULL),
    (3, 2, 3, 4, '2026-11-23 20:00:00', 'live', 0, 0);
INSERT INTO users (id, email, display_name, password_hash) VALUES
    (1, 'ada@example.org', 'Ada', 'scrypt$demo'), (2, 'bo@example.org', 'Bo', 'scrypt$demo');
INSERT INTO wallets (user_id, balance) VALUES (1, 120.50), (2, 15.00);
INSERT INTO parlays (id, user_id, stake, potential_payout, status) VALUES (1, 1, 10.00, 64.20, 'open');
INSERT INTO parlay_legs (parlay_id, leg_no, game_id, pick, odds) VALUES (1, 1, 2, 'home', 2.140), (1, 2, 3, 'draw', 3.000);
INSERT INTO system_heartbeats (worker_name, last_beat_at, details) VALUES
    ('score-scraper', '2026-11-23 16:00:00', '{"lag_seconds": 4}');
