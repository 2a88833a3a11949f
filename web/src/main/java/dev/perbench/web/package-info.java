/**
 * The leaderboard website: the database ({@link dev.perbench.web.WebDatabase}, Flyway-migrated H2
 * or PostgreSQL), the import of {@code submissions/} ({@link dev.perbench.web.SubmissionsImport}),
 * what the pages show ({@link dev.perbench.web.Leaderboards}) and the routes ({@link
 * dev.perbench.web.WebApp}).
 */
package dev.perbench.web;
