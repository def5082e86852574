CREATE TABLE IF NOT EXISTS app.games (
  id bigserial,
  code char(3) NOT NULL UNIQUE,
  starts timestamp with time zone DEFAULT now(),
  score numeric(5,1) CHECK (score >= 0),
  home_id int CONSTRAINT games_home_fk REFERENCES app.teams ON UPDATE CASCADE,
  tags text[],
  CONSTRAINT games_pk PRIMARY KEY (id),
  FOREIGN KEY (home_id, code) REFERENCES pairs (a, b) DEFERRABLE INITIALLY DEFERRED,
  CHECK (starts < now() AND score < 100),
  CHECK (code <> 'x')
) PARTITION BY RANGE (starts)