/**
 * Accounts of the hosted leaderboard: users with a role, Argon2id-hashed passwords, browser
 * sessions with CSRF tokens, API tokens with scopes, invitations, login throttling and the audit
 * log. Every secret is random (SecureRandom) and stored only as a hash.
 */
package dev.perbench.web.accounts;
