import { render } from 'preact'
import { App } from './app'
import '../styles/base.css'
import '../styles/organizer.css'
import '../styles/designer.css'

render(<App />, document.getElementById('app')!)
