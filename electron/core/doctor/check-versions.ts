/**
 * The versions support asks for first: Delegate, Node, and Electron when running in the app.
 */
import type { DoctorContext } from './doctor-context.js';
import type { DoctorFinding } from '../../../shared/models/doctor-report.js';

export function checkVersions(context: DoctorContext, versions: NodeJS.ProcessVersions = process.versions): DoctorFinding {
  const electron = versions.electron;
  const parts = [`Delegate ${context.version}`, `Node ${versions.node}`, ...(electron ? [`Electron ${electron}`, `Chromium ${versions.chrome ?? '?'}`] : [])];
  return {
    id: 'versions',
    area: 'versions',
    status: 'pass',
    title: 'Versions',
    detail: `${parts.join(', ')}; network stack: ${context.factory.name}; ${process.platform} ${process.arch}.`,
    data: { delegate: context.version, node: versions.node, ...(electron ? { electron, chromium: versions.chrome } : {}), transport: context.factory.name, platform: process.platform, arch: process.arch },
  };
}
