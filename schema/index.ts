export * from './organizers'
export * from './members'
export * from './surveys'
export * from './anonymous'
