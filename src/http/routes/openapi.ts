import { readFile } from 'node:fs/promises';
import { Router } from 'express';
import { parse } from 'yaml';
import { schemaPath } from '../../rules/schema-location.js';

const DESCRIPTION = schemaPath('openapi.yaml');

/** The description as JSON, made once, on the first request for it (parsing the YAML takes a few hundred ms). */
let asJson: Promise<string> | undefined;

function descriptionJson(): Promise<string> {
  asJson ??= readFile(DESCRIPTION, 'utf8').then((text) => JSON.stringify(parse(text)));
  return asJson;
}

/** The OpenAPI description: one document, as written (GET /openapi.yaml) and as JSON (GET /openapi.json). */
export function openApiRouter(): Router {
  const router = Router();
  router.get('/openapi.yaml', (_request, response) => {
    response.type('application/yaml').sendFile(DESCRIPTION);
  });
  router.get('/openapi.json', async (_request, response) => {
    response.type('application/json').send(await descriptionJson());
  });
  return router;
}
