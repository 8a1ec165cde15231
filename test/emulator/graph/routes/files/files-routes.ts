import type { GraphRoute } from '../../graph-route.js';
import { createUploadSessionRoute } from './create-upload-session.js';
import { downloadContentRoute } from './download-content.js';
import { getDriveItemRoute, listChildrenRoute } from './drive-items.js';
import { getDriveRoute } from './get-drive.js';
import { simpleUploadRoute } from './simple-upload.js';
import { getSiteByPathRoute, getSiteRoute, listSiteDrivesRoute } from './sites.js';

/** OneDrive and SharePoint on Graph: sites, drives, items, download, simple and session uploads. */
export const FILES_ROUTES: readonly GraphRoute[] = [
  getSiteByPathRoute,
  getSiteRoute,
  listSiteDrivesRoute,
  getDriveRoute,
  getDriveItemRoute,
  listChildrenRoute,
  downloadContentRoute,
  simpleUploadRoute,
  createUploadSessionRoute,
];
